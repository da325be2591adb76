package org.muster.telegram;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Takes a Bot API update in, as its JSON tree; the future completes once it was handled, or fails
 * if it was not taken.
 */
@FunctionalInterface
interface UpdateSink {

    CompletableFuture<Void> accept(JsonNode update);

    /** As {@link #accept}, completing only once what the update sent has left the outbound queues. */
    default CompletableFuture<Void> acceptUntilSent(JsonNode update) {
        return accept(update);
    }
}
