package org.muster.sandbox;

import java.util.Optional;
import java.util.OptionalLong;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's own JSON mapper and small helpers. The emulator writes its answers as bytes with
 * this mapper, so the application's Jackson settings (e.g. leaving nulls out) cannot change what
 * the Bot API or the control API look like.
 */
final class SandboxJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SandboxJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Parses JSON text; empty when it is not JSON. */
    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(MAPPER.readTree(bytes));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** The text of a scalar: strings as they are, numbers and booleans as written. */
    static Optional<String> text(JsonNode node) {
        if (!present(node)) {
            return Optional.empty();
        }
        if (node.isString()) {
            return Optional.of(node.stringValue());
        }
        if (node.isNumber() || node.isBoolean()) {
            return Optional.of(node.asString());
        }
        return Optional.of(node.toString());
    }

    /** A whole number given as a JSON number or as digits in a string, as the Bot API accepts both. */
    static OptionalLong wholeNumber(JsonNode node) {
        if (!present(node)) {
            return OptionalLong.empty();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return OptionalLong.of(node.longValue());
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            return value == Math.rint(value) ? OptionalLong.of((long) value) : OptionalLong.empty();
        }
        if (node.isString()) {
            try {
                return OptionalLong.of(Long.parseLong(node.stringValue().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    static Optional<Double> decimal(JsonNode node) {
        if (!present(node)) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.doubleValue());
        }
        if (node.isString()) {
            try {
                return Optional.of(Double.parseDouble(node.stringValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Telegram reads a flag as true for {@code true}, {@code "true"} and {@code 1}. */
    static boolean flag(JsonNode node) {
        if (!present(node)) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String value = text(node).orElse("").trim().toLowerCase();
        return value.equals("true") || value.equals("1");
    }

    static void putIfPresent(ObjectNode target, String name, String value) {
        if (value != null) {
            target.put(name, value);
        }
    }

    static void putIfPresent(ObjectNode target, String name, JsonNode value) {
        if (value != null) {
            target.set(name, value);
        }
    }
}
