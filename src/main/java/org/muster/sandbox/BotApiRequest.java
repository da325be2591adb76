package org.muster.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One Bot API call's parameters, however they came: a JSON body, a query string, an urlencoded
 * form or multipart form data (text fields and uploaded files). Telegram accepts them all, and
 * takes nested objects ({@code reply_markup}, {@code entities}, ...) either as JSON values or as
 * JSON text.
 */
final class BotApiRequest {

    record UploadedFile(String fileName, String contentType, byte[] bytes) {
    }

    private static final String ATTACH = "attach://";

    private final String method;
    private final Map<String, JsonNode> params;
    private final Map<String, UploadedFile> files;

    BotApiRequest(String method, Map<String, JsonNode> params, Map<String, UploadedFile> files) {
        this.method = method;
        this.params = Map.copyOf(params);
        this.files = Map.copyOf(files);
    }

    static BotApiRequest read(String method, HttpServletRequest request) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                params.put(name, JsonNodeFactory.instance.stringNode(values[0]));
            }
        });
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        try {
            if (isJson(request.getContentType())) {
                byte[] body = request.getInputStream().readAllBytes();
                if (!new String(body, StandardCharsets.UTF_8).isBlank()) {
                    JsonNode json = SandboxJson.parse(body).filter(JsonNode::isObject)
                            .orElseThrow(() -> BotApiException.badRequest("can't parse JSON object"));
                    json.properties().forEach(entry -> params.put(entry.getKey(), entry.getValue()));
                }
            }
            if (request instanceof MultipartHttpServletRequest multipart) {
                for (Map.Entry<String, MultipartFile> part : multipart.getFileMap().entrySet()) {
                    MultipartFile file = part.getValue();
                    files.put(part.getKey(), new UploadedFile(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
                }
            }
        } catch (IOException e) {
            throw BotApiException.badRequest("can't read the request body");
        }
        return new BotApiRequest(method, params, files);
    }

    /** A call made from inside, e.g. a method in a webhook's answer. */
    static BotApiRequest of(String method, JsonNode body) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        body.properties().forEach(entry -> params.put(entry.getKey(), entry.getValue()));
        return new BotApiRequest(method, params, Map.of());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String method() {
        return method;
    }

    boolean has(String name) {
        return SandboxJson.present(params.get(name)) || files.containsKey(name);
    }

    Optional<String> string(String name) {
        return SandboxJson.text(params.get(name));
    }

    /** The parameter as JSON: a nested value as given, or JSON text parsed; unparsable text is returned as text. */
    JsonNode json(String name) {
        JsonNode node = params.get(name);
        if (node != null && node.isString()) {
            return SandboxJson.parse(node.stringValue()).orElse(node);
        }
        return node;
    }

    OptionalLong wholeNumber(String name) {
        return SandboxJson.wholeNumber(params.get(name));
    }

    long wholeNumber(String name, long fallback) {
        return wholeNumber(name).orElse(fallback);
    }

    boolean flag(String name) {
        return SandboxJson.flag(params.get(name));
    }

    /**
     * An uploaded file: the part named like the parameter, or the part the parameter names with
     * {@code attach://<part name>} (TelegramBots uploads that way).
     */
    Optional<UploadedFile> file(String name) {
        UploadedFile direct = files.get(name);
        if (direct != null) {
            return Optional.of(direct);
        }
        return string(name).filter(value -> value.startsWith(ATTACH)).map(value -> files.get(value.substring(ATTACH.length())));
    }

    /** {@code chat_id} as Telegram reads it: a number; a {@code @username} names no chat the sandbox has. */
    long chatId() {
        String text = string("chat_id").map(String::trim).orElse("");
        if (text.isEmpty()) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("chat not found");
        }
    }

    /** {@code message_id}, which edit and delete methods cannot do without. */
    int messageId() {
        OptionalLong id = wholeNumber("message_id");
        if (id.isEmpty() || id.getAsLong() == 0) {
            throw BotApiException.badRequest("message identifier is not specified");
        }
        long value = id.getAsLong();
        return value > Integer.MAX_VALUE || value < 0 ? -1 : (int) value;
    }
}
