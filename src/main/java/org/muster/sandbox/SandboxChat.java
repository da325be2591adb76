package org.muster.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A private chat, group or supergroup with its members and transcript. A private chat's id is its
 * user's id; groups have negative ids and supergroups ids starting with -100, as in Telegram.
 */
final class SandboxChat {

    long id;
    ChatType type;
    String title;
    /** The group's creator (its first member); 0 for a private chat. */
    long creatorId;
    /** Human members in join order; a private chat's one member is its user. */
    List<Long> members = new ArrayList<>();
    /** Human administrators besides the creator. */
    LinkedHashSet<Long> admins = new LinkedHashSet<>();
    MemberStatus botStatus = MemberStatus.MEMBER;
    /** A private chat whose user blocked the bot. */
    boolean blocked;
    Long migratedToChatId;
    Long migratedFromChatId;
    int lastMessageId;
    /** Telegram's opaque chat_instance of callback queries, fixed per chat. */
    String chatInstance;
    TreeMap<Integer, SandboxMessage> messages = new TreeMap<>();

    SandboxChat() {
    }

    SandboxChat(long id, ChatType type, String title) {
        this.id = id;
        this.type = type;
        this.title = title;
    }

    boolean isPrivate() {
        return type == ChatType.PRIVATE;
    }

    boolean botPresent() {
        return botStatus.isPresent();
    }

    boolean botIsAdmin() {
        return botStatus == MemberStatus.ADMINISTRATOR;
    }

    boolean isMember(long userId) {
        return members.contains(userId);
    }

    /** The user of a private chat. */
    long privateUserId() {
        return id;
    }

    MemberStatus statusOf(long userId) {
        if (isPrivate()) {
            return userId == id ? MemberStatus.MEMBER : MemberStatus.LEFT;
        }
        if (!members.contains(userId)) {
            return MemberStatus.LEFT;
        }
        if (userId == creatorId) {
            return MemberStatus.CREATOR;
        }
        return admins.contains(userId) ? MemberStatus.ADMINISTRATOR : MemberStatus.MEMBER;
    }

    Optional<SandboxMessage> message(int messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    /** Who acts for the group in service events: its creator while present, else its first member. */
    long actingMember() {
        if (members.contains(creatorId)) {
            return creatorId;
        }
        return members.isEmpty() ? creatorId : members.get(0);
    }
}
