package org.muster.sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One Bot API method. Most answer at once; getUpdates may hold its answer for a while. */
@FunctionalInterface
interface BotApiMethod {

    CompletableFuture<BotApiResult> call(BotApiRequest request);

    static BotApiMethod sync(Function<BotApiRequest, BotApiResult> method) {
        return request -> CompletableFuture.completedFuture(method.apply(request));
    }
}
