package org.muster.sandbox;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * setMyCommands, getMyCommands and deleteMyCommands: one list per scope and language, validated
 * as Telegram does (at most 100 commands; a command is 1-32 characters of a-z, 0-9 and _; a
 * description 1-256 characters).
 */
@Component
@ConditionalOnSandbox
class CommandMethods implements BotApiMethodGroup {

    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Set<String> SCOPES_WITHOUT_CHAT = Set.of("default", "all_private_chats", "all_group_chats",
            "all_chat_administrators");
    private static final Set<String> SCOPES_WITH_CHAT = Set.of("chat", "chat_administrators", "chat_member");
    private static final int MAX_COMMANDS = 100;

    private final SandboxWorld world;

    CommandMethods(SandboxWorld world) {
        this.world = world;
    }

    @Override
    public Map<String, BotApiMethod> methods() {
        return Map.of(
                "setMyCommands", BotApiMethod.sync(this::setMyCommands),
                "getMyCommands", BotApiMethod.sync(this::getMyCommands),
                "deleteMyCommands", BotApiMethod.sync(this::deleteMyCommands));
    }

    private BotApiResult setMyCommands(BotApiRequest request) {
        ArrayNode commands = commands(request.json("commands"));
        String language = language(request);
        return world.write(() -> {
            ObjectNode scope = scope(request.json("scope"));
            String key = BotCommandList.key(scope, language);
            if (commands.isEmpty()) {
                world.commands().remove(key);
            } else {
                world.commands().put(key, new BotCommandList(scope, language, commands));
            }
            return BotApiResult.ok();
        });
    }

    private BotApiResult getMyCommands(BotApiRequest request) {
        String language = language(request);
        return world.read(() -> {
            BotCommandList list = world.commands().get(BotCommandList.key(scope(request.json("scope")), language));
            return BotApiResult.of(list == null ? SandboxJson.array() : list.commands.deepCopy());
        });
    }

    private BotApiResult deleteMyCommands(BotApiRequest request) {
        String language = language(request);
        return world.write(() -> {
            world.commands().remove(BotCommandList.key(scope(request.json("scope")), language));
            return BotApiResult.ok();
        });
    }

    private static ArrayNode commands(JsonNode given) {
        if (!SandboxJson.present(given)) {
            return SandboxJson.array();
        }
        if (!given.isArray()) {
            throw BotApiException.badRequest("can't parse commands JSON object");
        }
        if (given.size() > MAX_COMMANDS) {
            throw BotApiException.badRequest("BOT_COMMANDS_TOO_MUCH");
        }
        ArrayNode commands = SandboxJson.array();
        for (JsonNode entry : given) {
            if (!entry.isObject()) {
                throw BotApiException.badRequest("can't parse BotCommand: expected an Object");
            }
            String command = SandboxJson.text(entry.get("command")).orElse("");
            String description = SandboxJson.text(entry.get("description")).orElse("").trim();
            if (!COMMAND.matcher(command).matches()) {
                throw BotApiException.badRequest("BOT_COMMAND_INVALID");
            }
            if (description.isEmpty() || description.length() > 256) {
                throw BotApiException.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
            commands.addObject().put("command", command).put("description", description);
        }
        return commands;
    }

    /** The scope in a canonical form; chat scopes must name a chat the bot knows. Caller holds the lock. */
    private ObjectNode scope(JsonNode given) {
        if (!SandboxJson.present(given)) {
            return SandboxJson.object().put("type", "default");
        }
        if (!given.isObject() || !given.path("type").isString()) {
            throw BotApiException.badRequest("can't parse BotCommandScope JSON object");
        }
        String type = given.get("type").stringValue();
        ObjectNode scope = SandboxJson.object().put("type", type);
        if (SCOPES_WITHOUT_CHAT.contains(type)) {
            return scope;
        }
        if (!SCOPES_WITH_CHAT.contains(type)) {
            throw BotApiException.badRequest("unsupported bot command scope type \"" + type + "\"");
        }
        String chat = SandboxJson.text(given.get("chat_id")).map(String::trim).orElse("");
        if (chat.isEmpty()) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        long chatId;
        try {
            chatId = Long.parseLong(chat);
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("chat not found");
        }
        SandboxChat known = world.chat(chatId).orElseThrow(() -> BotApiException.badRequest("chat not found"));
        if (!type.equals("chat") && known.isPrivate()) {
            throw BotApiException.badRequest("can't use this scope in a private chat");
        }
        scope.put("chat_id", chatId);
        if (type.equals("chat_member")) {
            OptionalLong userId = SandboxJson.wholeNumber(given.get("user_id"));
            if (userId.isEmpty() || !world.knowsUser(userId.getAsLong())) {
                throw BotApiException.badRequest("user not found");
            }
            scope.put("user_id", userId.getAsLong());
        }
        return scope;
    }

    private static String language(BotApiRequest request) {
        String language = request.string("language_code").map(String::trim).orElse("");
        if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
            throw BotApiException.badRequest("invalid language code specified");
        }
        return language;
    }
}
