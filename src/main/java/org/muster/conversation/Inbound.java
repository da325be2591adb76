package org.muster.conversation;

import java.util.List;

/**
 * What reached the bot, stripped of the platform's types. Every variant names its update, chat and
 * sender; records that carry personal data keep it out of {@code toString()}.
 */
public sealed interface Inbound {

    long updateId();

    ChatRef chat();

    Sender from();

    /**
     * A text message; {@code command} is set when it starts with a bot command. When it replies to
     * another message, {@code replyToMessageId} and its author {@code replyToUserId} are set.
     */
    record Text(long updateId, ChatRef chat, Sender from, int messageId, String text, CommandCall command,
                Integer replyToMessageId, Long replyToUserId, boolean replyToBot, List<Mention> mentions) implements Inbound {

        public Text {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
        }

        @Override
        public String toString() {
            return "Text[update " + updateId + ", chat " + chat.id() + ", " + from
                    + (command != null ? ", /" + command.name() : "") + ", " + text.length() + " chars]";
        }
    }

    /** A shared contact; {@code contactUserId} tells whether it is the sender's own. */
    record Contact(long updateId, ChatRef chat, Sender from, int messageId, String phoneNumber, Long contactUserId)
            implements Inbound {

        public boolean isSendersOwn() {
            return contactUserId != null && contactUserId == from.id();
        }

        @Override
        public String toString() {
            return "Contact[update " + updateId + ", chat " + chat.id() + ", " + from + "]";
        }
    }

    record Location(long updateId, ChatRef chat, Sender from, int messageId, double latitude, double longitude)
            implements Inbound {

        @Override
        public String toString() {
            return "Location[update " + updateId + ", chat " + chat.id() + ", " + from + "]";
        }
    }

    /** An inline-keyboard button press; it must be answered (a toast) within seconds. */
    record Button(long updateId, ChatRef chat, Sender from, String callbackId, int messageId, String data)
            implements Inbound {

        /** The colon-separated part of the data at {@code index} (0 is the prefix), or "" when there is none. */
        public String part(int index) {
            String[] parts = data == null ? new String[0] : data.split(":");
            return index < parts.length ? parts[index] : "";
        }

        /** The part at {@code index} as a number; empty when it is missing or not one (stale or forged data). */
        public java.util.OptionalLong number(int index) {
            try {
                return java.util.OptionalLong.of(Long.parseLong(part(index)));
            } catch (NumberFormatException e) {
                return java.util.OptionalLong.empty();
            }
        }
    }

    /** The bot was added to, removed from, or blocked in a chat. */
    record BotStatusChanged(long updateId, ChatRef chat, Sender from, MemberStatus before, MemberStatus after)
            implements Inbound {
    }

    record MembersJoined(long updateId, ChatRef chat, Sender from, List<Sender> members) implements Inbound {

        public MembersJoined {
            members = List.copyOf(members);
        }
    }

    record MemberLeft(long updateId, ChatRef chat, Sender from, Sender member) implements Inbound {
    }

    /** A group became a supergroup: every record of {@code chat} now belongs to {@code newChatId}. */
    record ChatMigrated(long updateId, ChatRef chat, Sender from, long newChatId) implements Inbound {
    }

    /** Anything else (stickers, photos, edits, commands for another bot): answered politely or ignored. */
    record Unsupported(long updateId, ChatRef chat, Sender from, String what) implements Inbound {
    }
}
