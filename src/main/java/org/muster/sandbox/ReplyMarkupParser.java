package org.muster.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code reply_markup} as Telegram does: an InlineKeyboardMarkup, a ReplyKeyboardMarkup, a
 * ReplyKeyboardRemove or a ForceReply, given as a JSON object or as JSON text (form and multipart
 * requests), and answers malformed buttons with Telegram's errors. The result keeps only the
 * fields Telegram keeps.
 */
final class ReplyMarkupParser {

    private static final List<String> INLINE_ACTIONS = List.of("url", "callback_data", "web_app", "login_url",
            "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
            "callback_game", "pay");
    private static final List<String> KEYBOARD_REQUESTS = List.of("request_contact", "request_location", "request_poll",
            "request_users", "request_chat", "web_app");
    private static final List<String> KEYBOARD_OPTIONS = List.of("is_persistent", "resize_keyboard", "one_time_keyboard",
            "input_field_placeholder", "selective");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final int MAX_BUTTONS = 100;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;

    private ReplyMarkupParser() {
    }

    /**
     * @param given      the parameter as received; null or JSON null when absent
     * @param inlineOnly true for edit methods, which take nothing but an inline keyboard
     * @return the markup as Telegram keeps it, or null when none was given
     */
    static ObjectNode parse(JsonNode given, boolean inlineOnly) {
        if (!SandboxJson.present(given) || (given.isString() && given.stringValue().isBlank())) {
            return null;
        }
        JsonNode markup = given.isString()
                ? SandboxJson.parse(given.stringValue()).orElseThrow(ReplyMarkupParser::unreadable)
                : given;
        if (!markup.isObject()) {
            throw unreadable();
        }
        if (markup.has("inline_keyboard")) {
            return inlineKeyboard(markup.get("inline_keyboard"));
        }
        if (inlineOnly) {
            throw BotApiException.badRequest("inline keyboard expected");
        }
        if (markup.has("keyboard")) {
            return replyKeyboard(markup);
        }
        if (markup.has("remove_keyboard")) {
            ObjectNode remove = SandboxJson.object().put("remove_keyboard", true);
            copyFlag(markup, remove, "selective");
            return remove;
        }
        if (markup.has("force_reply")) {
            ObjectNode force = SandboxJson.object().put("force_reply", true);
            if (markup.hasNonNull("input_field_placeholder")) {
                force.put("input_field_placeholder", placeholder(markup.get("input_field_placeholder")));
            }
            copyFlag(markup, force, "selective");
            return force;
        }
        throw unreadable();
    }

    /** The inline buttons of a stored markup, row by row; empty for other kinds of markup. */
    static List<JsonNode> inlineButtons(JsonNode markup) {
        if (markup == null || !markup.path("inline_keyboard").isArray()) {
            return List.of();
        }
        return markup.get("inline_keyboard").valueStream().flatMap(JsonNode::valueStream).toList();
    }

    private static ObjectNode inlineKeyboard(JsonNode rows) {
        if (!rows.isArray()) {
            throw BotApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array");
        }
        ArrayNode keyboard = SandboxJson.array();
        int buttons = 0;
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotApiException.badRequest(
                        "field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
            }
            ArrayNode parsedRow = keyboard.addArray();
            for (JsonNode button : row) {
                parsedRow.add(inlineButton(button));
                buttons++;
            }
        }
        if (buttons > MAX_BUTTONS) {
            throw BotApiException.badRequest("reply markup is too long");
        }
        ObjectNode markup = SandboxJson.object();
        markup.set("inline_keyboard", keyboard);
        return markup;
    }

    private static ObjectNode inlineButton(JsonNode button) {
        if (!button.isObject()) {
            throw buttonError("InlineKeyboardButton must be an Object");
        }
        ObjectNode parsed = SandboxJson.object().put("text", buttonText(button, "inline keyboard button"));
        String action = null;
        for (String field : INLINE_ACTIONS) {
            JsonNode value = button.get(field);
            // Telegram takes an empty callback_data for no callback_data at all
            boolean present = SandboxJson.present(value) && !(field.equals("callback_data") && value.isString()
                    && value.stringValue().isEmpty());
            if (!present) {
                continue;
            }
            if (action != null) {
                // Telegram's own server silently takes the first field; a button with two actions is
                // a bug in the bot all the same, so the sandbox refuses it
                throw buttonError("exactly one of the optional fields must be used");
            }
            action = field;
        }
        if (action == null) {
            throw buttonError("Text buttons are unallowed in the inline keyboard");
        }
        JsonNode value = button.get(action);
        switch (action) {
            case "callback_data" -> {
                if (!value.isString()) {
                    throw buttonError("Field \"callback_data\" must be of type String");
                }
                int bytes = value.stringValue().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_CALLBACK_DATA_BYTES) {
                    throw BotApiException.badRequest("BUTTON_DATA_INVALID");
                }
                parsed.put("callback_data", value.stringValue());
            }
            case "url" -> {
                String url = SandboxJson.text(value).orElse("");
                checkButtonUrl(url);
                parsed.put("url", url);
            }
            case "web_app" -> parsed.set("web_app", webApp(value));
            default -> parsed.set(action, value.deepCopy());
        }
        return parsed;
    }

    /** A WebAppInfo: {@code {"url"}}, an HTTPS link (or, in the sandbox only, an http link to this machine). */
    private static ObjectNode webApp(JsonNode value) {
        if (!value.isObject()) {
            throw buttonError("Field \"web_app\" must be of type Object");
        }
        JsonNode url = value.get("url");
        if (!SandboxJson.present(url)) {
            throw buttonError("Can't find field \"url\"");
        }
        if (!url.isString()) {
            throw buttonError("Field \"url\" must be of type String");
        }
        return SandboxJson.object().put("url", WebAppUrl.check(url.stringValue(), "inline keyboard button"));
    }

    /**
     * Telegram takes inline {@code web_app} buttons in private chats only; elsewhere it answers
     * BUTTON_TYPE_INVALID. Called once the target chat is known.
     */
    static void requireAllowedIn(ObjectNode markup, SandboxChat chat) {
        if (!chat.isPrivate() && inlineButtons(markup).stream().anyMatch(button -> button.has("web_app"))) {
            throw BotApiException.badRequest("BUTTON_TYPE_INVALID");
        }
    }

    private static void checkButtonUrl(String url) {
        if (SCHEME.matcher(url).find()) {
            String scheme = url.substring(0, url.indexOf(':')).toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("tg") && !scheme.equals("ton")) {
                throw BotApiException.badRequest("inline keyboard button URL '" + url + "' is invalid: Unsupported URL protocol");
            }
            if ((scheme.equals("http") || scheme.equals("https")) && HtmlEntityParser.checkedLink(url) == null) {
                throw BotApiException.badRequest("inline keyboard button URL '" + url + "' is invalid: Wrong HTTP URL");
            }
        } else if (HtmlEntityParser.checkedLink(url) == null) {
            throw BotApiException.badRequest("inline keyboard button URL '" + url + "' is invalid: Wrong HTTP URL");
        }
    }

    private static ObjectNode replyKeyboard(JsonNode markup) {
        JsonNode rows = markup.get("keyboard");
        if (!rows.isArray()) {
            throw BotApiException.badRequest("field \"keyboard\" of the ReplyKeyboardMarkup must be an Array");
        }
        ArrayNode keyboard = SandboxJson.array();
        int buttons = 0;
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotApiException.badRequest("field \"keyboard\" of the ReplyKeyboardMarkup must be an Array of Arrays");
            }
            ArrayNode parsedRow = keyboard.addArray();
            for (JsonNode button : row) {
                parsedRow.add(keyboardButton(button));
                buttons++;
            }
        }
        if (buttons > MAX_BUTTONS) {
            throw BotApiException.badRequest("reply markup is too long");
        }
        ObjectNode parsed = SandboxJson.object();
        parsed.set("keyboard", keyboard);
        for (String option : KEYBOARD_OPTIONS) {
            if (option.equals("input_field_placeholder")) {
                if (markup.hasNonNull(option)) {
                    parsed.put(option, placeholder(markup.get(option)));
                }
            } else {
                copyFlag(markup, parsed, option);
            }
        }
        return parsed;
    }

    private static ObjectNode keyboardButton(JsonNode button) {
        if (button.isString()) {
            return SandboxJson.object().put("text", button.stringValue());
        }
        if (!button.isObject()) {
            throw BotApiException.badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
        }
        ObjectNode parsed = SandboxJson.object().put("text", buttonText(button, "keyboard button"));
        String request = null;
        for (String field : KEYBOARD_REQUESTS) {
            JsonNode value = button.get(field);
            if (!SandboxJson.present(value) || (value.isBoolean() && !value.booleanValue())) {
                continue;
            }
            if (request != null) {
                throw BotApiException.badRequest("can't parse keyboard button: exactly one of the optional fields must be used");
            }
            request = field;
            parsed.set(field, value.deepCopy());
        }
        return parsed;
    }

    private static String buttonText(JsonNode button, String kind) {
        JsonNode text = button.get("text");
        if (!SandboxJson.present(text)) {
            throw BotApiException.badRequest("can't parse " + kind + ": Can't find field \"text\"");
        }
        if (!text.isString()) {
            throw BotApiException.badRequest("can't parse " + kind + ": Field \"text\" must be of type String");
        }
        return text.stringValue();
    }

    private static String placeholder(JsonNode value) {
        String text = SandboxJson.text(value).orElse("");
        if (text.length() > 64) {
            throw BotApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        return text;
    }

    private static void copyFlag(JsonNode from, ObjectNode to, String name) {
        if (from.hasNonNull(name)) {
            to.put(name, SandboxJson.flag(from.get(name)));
        }
    }

    private static BotApiException buttonError(String what) {
        return BotApiException.badRequest("can't parse inline keyboard button: " + what);
    }

    private static BotApiException unreadable() {
        return BotApiException.badRequest("can't parse reply keyboard markup JSON object");
    }
}
