package org.muster.sandbox;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The commands set with setMyCommands for one scope and language. */
final class BotCommandList {

    ObjectNode scope;
    String languageCode;
    ArrayNode commands;

    BotCommandList() {
    }

    BotCommandList(ObjectNode scope, String languageCode, ArrayNode commands) {
        this.scope = scope;
        this.languageCode = languageCode;
        this.commands = commands;
    }

    /** Scope and language as one key: Telegram keeps one list per pair. */
    static String key(ObjectNode scope, String languageCode) {
        StringBuilder key = new StringBuilder(scope.path("type").asString(""));
        if (scope.has("chat_id")) {
            key.append(':').append(scope.get("chat_id").asString(""));
        }
        if (scope.has("user_id")) {
            key.append(':').append(scope.get("user_id").asString(""));
        }
        return key.append('|').append(languageCode).toString();
    }
}
