package org.muster.sandbox;

import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bot API objects as Telegram writes them: User, Chat, ChatFullInfo, Message, ChatMember,
 * ChatMemberUpdated, CallbackQuery, Document. Every field the Bot API marks as required is there,
 * since clients such as TelegramBots refuse objects without them. Callers hold the world's lock.
 */
@Component
@ConditionalOnSandbox
class BotApiJson {

    private final SandboxWorld world;
    private final BotIdentity bot;
    private final SandboxSettings settings;

    BotApiJson(SandboxWorld world, BotIdentity bot, SandboxSettings settings) {
        this.world = world;
        this.bot = bot;
        this.settings = settings;
    }

    ObjectNode user(long userId) {
        if (bot.isBot(userId)) {
            return botUser();
        }
        ObjectNode json = SandboxJson.object().put("id", userId).put("is_bot", false);
        SandboxUser user = world.user(userId).orElse(null);
        if (user == null) {
            return json.put("first_name", "Deleted Account");
        }
        json.put("first_name", user.firstName);
        SandboxJson.putIfPresent(json, "last_name", user.lastName);
        SandboxJson.putIfPresent(json, "username", user.username);
        SandboxJson.putIfPresent(json, "language_code", user.languageCode);
        return json;
    }

    ObjectNode botUser() {
        return SandboxJson.object().put("id", bot.id()).put("is_bot", true).put("first_name", bot.firstName())
                .put("username", bot.username());
    }

    /** getMe: the bot user with the capabilities only getMe reports. */
    ObjectNode me() {
        return botUser().put("can_join_groups", true)
                .put("can_read_all_group_messages", !settings.privacyMode())
                .put("supports_inline_queries", false)
                .put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    ObjectNode chat(SandboxChat chat) {
        ObjectNode json = SandboxJson.object().put("id", chat.id);
        if (chat.isPrivate()) {
            SandboxUser user = world.user(chat.privateUserId()).orElse(null);
            json.put("first_name", user == null ? "Deleted Account" : user.firstName);
            if (user != null) {
                SandboxJson.putIfPresent(json, "last_name", user.lastName);
                SandboxJson.putIfPresent(json, "username", user.username);
            }
        } else {
            json.put("title", chat.title);
        }
        return json.put("type", chat.type.apiName());
    }

    /** Private-chat form of a chat the bot has not opened yet, for getChat on a known user. */
    ObjectNode privateChatOf(SandboxUser user) {
        ObjectNode json = SandboxJson.object().put("id", user.id).put("first_name", user.firstName);
        SandboxJson.putIfPresent(json, "last_name", user.lastName);
        SandboxJson.putIfPresent(json, "username", user.username);
        return json.put("type", ChatType.PRIVATE.apiName());
    }

    /** getChat's ChatFullInfo: the chat plus the fields the Bot API requires there. */
    ObjectNode chatFullInfo(ObjectNode chat, boolean group) {
        ObjectNode json = chat.deepCopy().put("accent_color_id", 0).put("max_reaction_count", 11);
        if (group) {
            ObjectNode permissions = json.putObject("permissions");
            for (String permission : new String[] {"can_send_messages", "can_send_audios", "can_send_documents",
                    "can_send_photos", "can_send_videos", "can_send_video_notes", "can_send_voice_notes",
                    "can_send_polls", "can_send_other_messages", "can_add_web_page_previews", "can_change_info",
                    "can_invite_users", "can_pin_messages", "can_manage_topics"}) {
                permissions.put(permission, true);
            }
        }
        return json;
    }

    ObjectNode message(SandboxMessage message) {
        return message(message, true);
    }

    private ObjectNode message(SandboxMessage message, boolean withReply) {
        SandboxChat chat = world.chat(message.chatId).orElseThrow();
        ObjectNode json = SandboxJson.object().put("message_id", message.messageId);
        json.set("from", user(message.fromId));
        json.set("chat", chat(chat));
        json.put("date", message.date);
        if (message.editDate != null) {
            json.put("edit_date", message.editDate);
        }
        if (withReply && message.replyToMessageId != null) {
            chat.message(message.replyToMessageId)
                    .ifPresent(replied -> json.set("reply_to_message", message(replied, false)));
        }
        if (message.text != null) {
            json.put("text", message.text);
            SandboxJson.putIfPresent(json, "entities", message.entities);
        }
        if (message.fileId != null) {
            world.file(message.fileId).ifPresent(file -> json.set("document", document(file)));
        }
        if (message.caption != null) {
            json.put("caption", message.caption);
            SandboxJson.putIfPresent(json, "caption_entities", message.captionEntities);
        }
        SandboxJson.putIfPresent(json, "contact", message.contact);
        SandboxJson.putIfPresent(json, "location", message.location);
        if (message.service != null) {
            serviceFields(message, json);
        }
        if (message.hasInlineKeyboard()) {
            json.set("reply_markup", message.replyMarkup.deepCopy());
        }
        return json;
    }

    private void serviceFields(SandboxMessage message, ObjectNode json) {
        switch (message.service) {
            case SandboxMessage.GROUP_CHAT_CREATED -> json.put("group_chat_created", true);
            case SandboxMessage.NEW_CHAT_MEMBERS -> {
                ArrayNode members = json.putArray("new_chat_members");
                message.serviceUserIds.forEach(id -> members.add(user(id)));
            }
            case SandboxMessage.LEFT_CHAT_MEMBER -> json.set("left_chat_member", user(message.serviceUserIds.get(0)));
            case SandboxMessage.MIGRATE_TO_CHAT_ID -> json.put("migrate_to_chat_id", message.migrateToChatId);
            case SandboxMessage.MIGRATE_FROM_CHAT_ID -> json.put("migrate_from_chat_id", message.migrateFromChatId);
            default -> throw new IllegalStateException("unknown service message " + message.service);
        }
    }

    ObjectNode document(SandboxFile file) {
        return SandboxJson.object().put("file_name", file.fileName).put("mime_type", file.mimeType)
                .put("file_id", file.fileId).put("file_unique_id", file.fileUniqueId).put("file_size", file.bytes.length);
    }

    /** A ChatMember of the given status, with the fields that status requires. */
    ObjectNode chatMember(SandboxChat chat, long userId, MemberStatus status) {
        ObjectNode json = SandboxJson.object();
        json.set("user", user(userId));
        json.put("status", status.apiName());
        switch (status) {
            case CREATOR -> json.put("is_anonymous", false);
            case ADMINISTRATOR -> {
                json.put("can_be_edited", false).put("is_anonymous", false).put("can_manage_chat", true)
                        .put("can_delete_messages", true).put("can_manage_video_chats", true)
                        .put("can_restrict_members", true).put("can_promote_members", false)
                        .put("can_change_info", true).put("can_invite_users", true).put("can_post_stories", false)
                        .put("can_edit_stories", false).put("can_delete_stories", false).put("can_pin_messages", true);
                if (chat.type == ChatType.SUPERGROUP) {
                    json.put("can_manage_topics", false);
                }
            }
            case KICKED -> json.put("until_date", 0);
            default -> {
                // member and left carry nothing more
            }
        }
        return json;
    }

    ObjectNode chatMemberUpdated(SandboxChat chat, long fromId, long memberId, MemberStatus before, MemberStatus after,
            long date) {
        ObjectNode json = SandboxJson.object();
        json.set("chat", chat(chat));
        json.set("from", user(fromId));
        json.put("date", date);
        json.set("old_chat_member", chatMember(chat, memberId, before));
        json.set("new_chat_member", chatMember(chat, memberId, after));
        return json;
    }

    ObjectNode callbackQuery(CallbackQueryRecord query) {
        SandboxChat chat = world.chat(query.chatId).orElseThrow();
        ObjectNode json = SandboxJson.object().put("id", query.id);
        json.set("from", user(query.fromId));
        chat.message(query.messageId).ifPresent(message -> json.set("message", message(message)));
        json.put("chat_instance", chat.chatInstance);
        SandboxJson.putIfPresent(json, "data", query.data);
        return json;
    }
}
