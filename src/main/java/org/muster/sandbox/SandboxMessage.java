package org.muster.sandbox;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One message of a chat's transcript, whoever sent it. Entities and markup are kept in their Bot
 * API JSON form, which is how Telegram hands them back.
 */
final class SandboxMessage {

    static final String GROUP_CHAT_CREATED = "group_chat_created";
    static final String NEW_CHAT_MEMBERS = "new_chat_members";
    static final String LEFT_CHAT_MEMBER = "left_chat_member";
    static final String MIGRATE_TO_CHAT_ID = "migrate_to_chat_id";
    static final String MIGRATE_FROM_CHAT_ID = "migrate_from_chat_id";

    int messageId;
    long chatId;
    long fromId;
    long date;
    Long editDate;
    String text;
    ArrayNode entities;
    String caption;
    ArrayNode captionEntities;
    /** As sent, whatever the kind; the Bot API's Message shows it only when it is an inline keyboard. */
    ObjectNode replyMarkup;
    Integer replyToMessageId;
    String fileId;
    ObjectNode contact;
    ObjectNode location;
    /** The kind of service message (one of the constants above), null for an ordinary message. */
    String service;
    /** Who joined or left, for new_chat_members and left_chat_member. */
    List<Long> serviceUserIds = new ArrayList<>();
    Long migrateToChatId;
    Long migrateFromChatId;
    /** Whether the bot received it; false when privacy mode or the bot's absence kept it away. */
    boolean delivered;

    SandboxMessage() {
    }

    SandboxMessage(int messageId, long chatId, long fromId, long date) {
        this.messageId = messageId;
        this.chatId = chatId;
        this.fromId = fromId;
        this.date = date;
    }

    boolean hasInlineKeyboard() {
        return replyMarkup != null && replyMarkup.has("inline_keyboard");
    }
}
