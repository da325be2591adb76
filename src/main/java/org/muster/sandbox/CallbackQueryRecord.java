package org.muster.sandbox;

/** A press of an inline button and, once the bot has called answerCallbackQuery, its answer. */
final class CallbackQueryRecord {

    String id;
    long chatId;
    int messageId;
    long fromId;
    String data;
    long createdAtMillis;
    boolean answered;
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
