package org.muster.sandbox;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API's views: users, chats and transcripts as a tester reads them — senders as user
 * ids or {@code "bot"}, any reply markup the bot sent (reply keyboards included, which the Bot
 * API's Message does not show), and whether privacy mode kept a message from the bot. Callers
 * hold the world's lock.
 */
@Component
@ConditionalOnSandbox
class TranscriptJson {

    static final String FILES_PATH = "/sandbox/api/files/";

    private final SandboxWorld world;
    private final BotIdentity bot;

    TranscriptJson(SandboxWorld world, BotIdentity bot) {
        this.world = world;
        this.bot = bot;
    }

    ObjectNode user(SandboxUser user) {
        ObjectNode json = SandboxJson.object().put("id", user.id).put("first_name", user.firstName);
        SandboxJson.putIfPresent(json, "last_name", user.lastName);
        SandboxJson.putIfPresent(json, "username", user.username);
        SandboxJson.putIfPresent(json, "language_code", user.languageCode);
        return json;
    }

    ObjectNode chat(SandboxChat chat) {
        ObjectNode json = SandboxJson.object().put("id", chat.id).put("type", chat.type.apiName());
        if (chat.isPrivate()) {
            json.put("title", world.user(chat.id).map(SandboxUser::fullName).orElse("Deleted Account"));
        } else {
            json.put("title", chat.title);
        }
        ArrayNode members = json.putArray("members");
        chat.members.forEach(members::add);
        if (!chat.isPrivate()) {
            json.put("creator", chat.creatorId);
            ArrayNode admins = json.putArray("admins");
            chat.admins.forEach(admins::add);
        }
        json.put("bot_status", chat.botStatus.apiName());
        if (chat.isPrivate()) {
            json.put("blocked", chat.blocked);
            // what the chat shows beside its message box (getChatMenuButton's answer)
            json.set("menu_button", world.effectiveMenuButton(chat.id).deepCopy());
        }
        if (chat.migratedToChatId != null) {
            json.put("migrated_to_chat_id", chat.migratedToChatId);
        }
        if (chat.migratedFromChatId != null) {
            json.put("migrated_from_chat_id", chat.migratedFromChatId);
        }
        return json.put("last_message_id", chat.lastMessageId);
    }

    /** The transcript after a message id, oldest first. */
    ArrayNode messages(SandboxChat chat, int after) {
        ArrayNode list = SandboxJson.array();
        chat.messages.tailMap(after, false).values().forEach(message -> list.add(message(message)));
        return list;
    }

    ObjectNode message(SandboxMessage message) {
        ObjectNode json = SandboxJson.object().put("message_id", message.messageId);
        json.set("from", sender(message.fromId));
        json.put("date", message.date);
        SandboxJson.putIfPresent(json, "text", message.text);
        SandboxJson.putIfPresent(json, "entities", message.entities);
        SandboxJson.putIfPresent(json, "reply_markup", message.replyMarkup);
        if (message.replyToMessageId != null) {
            json.put("reply_to_message_id", message.replyToMessageId);
        }
        json.put("edited", message.editDate != null);
        if (message.fileId != null) {
            world.file(message.fileId).ifPresent(file -> json.set("document", SandboxJson.object()
                    .put("file_id", file.fileId).put("file_name", file.fileName).put("mime_type", file.mimeType)
                    .put("file_size", file.bytes.length).put("url", FILES_PATH + file.fileId)));
        }
        SandboxJson.putIfPresent(json, "caption", message.caption);
        SandboxJson.putIfPresent(json, "caption_entities", message.captionEntities);
        SandboxJson.putIfPresent(json, "contact", message.contact);
        SandboxJson.putIfPresent(json, "location", message.location);
        if (message.service != null) {
            json.put("service", message.service);
            switch (message.service) {
                case SandboxMessage.NEW_CHAT_MEMBERS -> {
                    ArrayNode joined = json.putArray("new_chat_members");
                    message.serviceUserIds.forEach(id -> joined.add(sender(id)));
                }
                case SandboxMessage.LEFT_CHAT_MEMBER -> json.set("left_chat_member", sender(message.serviceUserIds.get(0)));
                case SandboxMessage.MIGRATE_TO_CHAT_ID -> json.put("migrate_to_chat_id", message.migrateToChatId);
                case SandboxMessage.MIGRATE_FROM_CHAT_ID -> json.put("migrate_from_chat_id", message.migrateFromChatId);
                default -> {
                    // group_chat_created says it all
                }
            }
        }
        if (!bot.isBot(message.fromId)) {
            json.put("delivered", message.delivered);
        }
        return json;
    }

    JsonNode sender(long userId) {
        return bot.isBot(userId) ? JsonNodeFactory.instance.stringNode("bot") : JsonNodeFactory.instance.numberNode(userId);
    }

    ObjectNode callback(CallbackQueryRecord query) {
        ObjectNode json = SandboxJson.object().put("id", query.id).put("chat_id", query.chatId)
                .put("message_id", query.messageId).put("from", query.fromId);
        SandboxJson.putIfPresent(json, "data", query.data);
        json.put("answered", query.answered);
        if (query.answered) {
            json.put("answered_after_ms", query.answeredAtMillis - query.createdAtMillis);
        }
        if (query.text != null) {
            json.put("text", query.text);
        } else {
            json.putNull("text");
        }
        json.put("show_alert", query.showAlert);
        if (query.url != null) {
            json.put("url", query.url);
        } else {
            json.putNull("url");
        }
        return json;
    }
}
