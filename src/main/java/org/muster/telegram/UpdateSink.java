package org.muster.telegram;

import java.util.concurrent.CompletableFuture;

import org.telegram.telegrambots.meta.api.objects.Update;

/** Takes a Bot API update in; the future completes once it was handled, or fails if it was not taken. */
@FunctionalInterface
interface UpdateSink {

    CompletableFuture<Void> accept(Update update);
}
