package org.muster.sandbox;

import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * setChatMenuButton and getChatMenuButton: the button beside a private chat's message box. A chat
 * shows its own button, else the bot's default one, else the list of commands. The button is
 * {@code {"type":"commands"}}, {@code {"type":"default"}} or
 * {@code {"type":"web_app","text":…,"web_app":{"url":…}}}; setting {@code default} for a chat
 * drops its own button, setting it without a chat brings back Telegram's default (commands).
 */
@Component
@ConditionalOnSandbox
class MenuButtonMethods implements BotApiMethodGroup {

    private final SandboxWorld world;
    private final ChatAccess access;

    MenuButtonMethods(SandboxWorld world, ChatAccess access) {
        this.world = world;
        this.access = access;
    }

    @Override
    public Map<String, BotApiMethod> methods() {
        return Map.of(
                "setChatMenuButton", BotApiMethod.sync(this::setChatMenuButton),
                "getChatMenuButton", BotApiMethod.sync(this::getChatMenuButton));
    }

    private BotApiResult setChatMenuButton(BotApiRequest request) {
        ObjectNode button = menuButton(request);
        boolean forChat = forChat(request);
        long chatId = forChat ? request.chatId() : 0;
        return world.write(() -> {
            boolean isDefault = button.path("type").asString("").equals("default");
            if (forChat) {
                privateChat(chatId);
                world.chatMenuButton(chatId, isDefault ? null : button);
            } else {
                world.defaultMenuButton(isDefault ? null : button);
            }
            return BotApiResult.ok();
        });
    }

    private BotApiResult getChatMenuButton(BotApiRequest request) {
        boolean forChat = forChat(request);
        long chatId = forChat ? request.chatId() : 0;
        return world.read(() -> {
            if (forChat) {
                privateChat(chatId);
                return BotApiResult.of(world.effectiveMenuButton(chatId).deepCopy());
            }
            return BotApiResult.of(world.defaultMenuButton().map(ObjectNode::deepCopy)
                    .orElseGet(() -> SandboxJson.object().put("type", "commands")));
        });
    }

    /** Telegram takes a missing or empty {@code chat_id} for the bot's default button. */
    private static boolean forChat(BotApiRequest request) {
        return request.string("chat_id").map(String::trim).filter(id -> !id.isEmpty()).isPresent();
    }

    /** Caller holds the lock. */
    private void privateChat(long chatId) {
        SandboxChat chat = access.forReading(chatId);
        if (!chat.isPrivate()) {
            throw BotApiException.badRequest("chat is not private");
        }
    }

    /** The {@code menu_button} parameter as Telegram reads it; absent means the default button. */
    private static ObjectNode menuButton(BotApiRequest request) {
        if (!request.has("menu_button")) {
            return SandboxJson.object().put("type", "default");
        }
        JsonNode given = request.json("menu_button");
        if (given == null || given.isString()) {
            throw BotApiException.badRequest("can't parse menu button JSON object");
        }
        if (!given.isObject()) {
            throw invalid("MenuButton must be an Object");
        }
        JsonNode type = given.get("type");
        if (!SandboxJson.present(type)) {
            throw invalid("Can't find field \"type\"");
        }
        if (!type.isString()) {
            throw invalid("Field \"type\" must be of type String");
        }
        switch (type.stringValue()) {
            case "commands", "default" -> {
                return SandboxJson.object().put("type", type.stringValue());
            }
            case "web_app" -> {
                String text = requiredString(given, "text");
                if (text.isBlank()) {
                    throw BotApiException.badRequest("menu button text must be non-empty");
                }
                JsonNode webApp = given.get("web_app");
                if (!SandboxJson.present(webApp)) {
                    throw invalid("Can't find field \"web_app\"");
                }
                if (!webApp.isObject()) {
                    throw invalid("Field \"web_app\" must be of type Object");
                }
                String url = WebAppUrl.check(requiredString(webApp, "url"), "menu button");
                ObjectNode button = SandboxJson.object().put("type", "web_app").put("text", text);
                button.putObject("web_app").put("url", url);
                return button;
            }
            default -> throw invalid("MenuButton has unsupported type");
        }
    }

    private static String requiredString(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (!SandboxJson.present(value)) {
            throw invalid("Can't find field \"" + field + "\"");
        }
        if (!value.isString()) {
            throw invalid("Field \"" + field + "\" must be of type String");
        }
        return value.stringValue();
    }

    private static BotApiException invalid(String what) {
        return BotApiException.badRequest("can't parse menu button: " + what);
    }
}
