package org.muster.conversation;

/**
 * Published when the platform says the bot may no longer write to a chat (403): the user blocked
 * it, or a group removed it. Features stop sending there (unsubscribe, mark unreachable).
 */
public record BotRemovedFromChat(long chatId, String description) {
}
