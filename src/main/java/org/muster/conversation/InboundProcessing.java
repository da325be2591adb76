package org.muster.conversation;

import java.util.concurrent.CompletableFuture;

/** What the dispatcher runs for each update; never throws for a failure it could answer. */
@FunctionalInterface
interface InboundProcessing {

    void process(Inbound inbound);

    /**
     * Handles the update on the calling worker, as {@link #process}, and says when what it sent has
     * left the outbound queues (sent, refused or given up). The worker does not wait for that; the
     * webhook's answer does, so that Telegram delivers a chat's next update, perhaps to another
     * instance, only after this one's replies reached Telegram, and they stay in order.
     */
    default CompletableFuture<Void> processed(Inbound inbound) {
        process(inbound);
        return CompletableFuture.completedFuture(null);
    }
}
