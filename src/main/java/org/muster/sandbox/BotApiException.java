package org.muster.sandbox;

import tools.jackson.databind.node.ObjectNode;

/**
 * A refusal in Telegram's words: the HTTP status equals {@code error_code}, the description is
 * Telegram's text, and {@code parameters} carries {@code retry_after} or {@code migrate_to_chat_id}.
 */
final class BotApiException extends RuntimeException {

    private final int errorCode;
    private final transient ObjectNode parameters;

    BotApiException(int errorCode, String description) {
        this(errorCode, description, null);
    }

    BotApiException(int errorCode, String description, ObjectNode parameters) {
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.parameters = parameters;
    }

    static BotApiException badRequest(String what) {
        return new BotApiException(400, "Bad Request: " + what);
    }

    static BotApiException forbidden(String what) {
        return new BotApiException(403, "Forbidden: " + what);
    }

    static BotApiException conflict(String what) {
        return new BotApiException(409, "Conflict: " + what);
    }

    static BotApiException tooManyRequests(int retryAfterSeconds) {
        ObjectNode parameters = SandboxJson.object().put("retry_after", retryAfterSeconds);
        return new BotApiException(429, "Too Many Requests: retry after " + retryAfterSeconds, parameters);
    }

    static BotApiException migrated(long toChatId) {
        ObjectNode parameters = SandboxJson.object().put("migrate_to_chat_id", toChatId);
        return new BotApiException(400, "Bad Request: group chat was upgraded to a supergroup chat", parameters);
    }

    int errorCode() {
        return errorCode;
    }

    String description() {
        return getMessage();
    }

    ObjectNode toJson() {
        ObjectNode body = SandboxJson.object().put("ok", false).put("error_code", errorCode).put("description", getMessage());
        if (parameters != null) {
            body.set("parameters", parameters.deepCopy());
        }
        return body;
    }
}
