package org.muster.conversation;

/** The bot's (or a user's) standing in a chat, as the platform reports it. */
public enum MemberStatus {
    CREATOR, ADMINISTRATOR, MEMBER, RESTRICTED, LEFT, KICKED;

    public boolean isPresent() {
        return this == CREATOR || this == ADMINISTRATOR || this == MEMBER || this == RESTRICTED;
    }
}
