package org.muster.conversation;

/**
 * The one way out to the chat platform, implemented by the {@code telegram} package: paced,
 * retried, and turning "blocked" and "migrated" answers into {@link BotRemovedFromChat} and
 * {@link ChatMoved} events. Blocks the caller while it waits for its turn.
 */
public interface ChatSender {

    SendResult send(Outbound outbound);
}
