package org.muster.conversation;

/** Published when a group turned into a supergroup with a new id; records must follow it. */
public record ChatMoved(long fromChatId, long toChatId) {
}
