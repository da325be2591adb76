package org.muster.conversation;

import java.util.concurrent.CompletableFuture;

/** What the dispatcher runs for each update; never throws for a failure it could answer. */
@FunctionalInterface
interface InboundProcessing {

    void process(Inbound inbound);

    /**
     * Handles the update on the calling worker, as {@link #process}, and says when what it sent has
     * left the outbound queues (sent, refused or given up). The worker does not wait for that; the
     * webhook's answer does ({@code untilSent}), so that Telegram delivers a chat's next update, perhaps
     * to another instance, only after this one's replies reached Telegram, and they stay in order; the
     * replies of such an update are kept until sent, for an instance that gets it again after a crash.
     */
    default CompletableFuture<Void> processed(Inbound inbound, boolean untilSent) {
        process(inbound);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The update's replies were handed back at this instance's shutdown, but its webhook call had been
     * answered 200 already: Telegram will not deliver it again, so they are left for another instance.
     */
    default void abandoned(Inbound inbound) {
    }
}
