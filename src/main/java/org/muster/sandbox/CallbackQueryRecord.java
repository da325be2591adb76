package org.muster.sandbox;

import java.util.concurrent.CompletableFuture;

/** A press of an inline button and, once the bot has called answerCallbackQuery, its answer. */
final class CallbackQueryRecord {

    String id;
    long chatId;
    int messageId;
    long fromId;
    String data;
    long createdAtMillis;
    boolean answered;
    /** When it was answered, by the emulator's clock: how long a user looked at the spinner. */
    long answeredAtMillis;
    /** Completed when it is answered, for {@code GET /sandbox/api/callbacks/{id}/wait}; not saved. */
    final transient CompletableFuture<Void> answeredSignal = new CompletableFuture<>();
    String text;
    boolean showAlert;
    String url;

    CallbackQueryRecord() {
    }

    CallbackQueryRecord(String id, long chatId, int messageId, long fromId, String data, long createdAtMillis) {
        this.id = id;
        this.chatId = chatId;
        this.messageId = messageId;
        this.fromId = fromId;
        this.data = data;
        this.createdAtMillis = createdAtMillis;
    }
}
