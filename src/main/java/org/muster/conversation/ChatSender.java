package org.muster.conversation;

import java.util.concurrent.CompletableFuture;

/**
 * The one way out to the chat platform, implemented by the {@code telegram} package: queued per
 * chat, paced, retried, and turning "blocked" and "migrated" answers into {@link BotRemovedFromChat}
 * and {@link ChatMoved} events. Never blocks: the future completes when the platform answered (or
 * the message was given up). A caller that needs the new message's id attaches to it; a worker that
 * handles updates never waits for it.
 */
public interface ChatSender {

    CompletableFuture<SendResult> send(Outbound outbound, Traffic traffic);

    /** Bulk, the class for everything no one is waiting for at the screen. */
    default CompletableFuture<SendResult> send(Outbound outbound) {
        return send(outbound, Traffic.BULK);
    }
}
