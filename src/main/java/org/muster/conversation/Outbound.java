package org.muster.conversation;

import java.util.Locale;

/**
 * What Muster asks the platform to do. Texts are rendered in {@code locale} when sent. Features
 * build these and hand them to the {@link Messenger} (or return them from a handler).
 */
public sealed interface Outbound extends java.io.Serializable {

    /** The chat this touches, or 0 for a callback answer, which has none. */
    long chatId();

    /** The same action aimed at another chat (after a group became a supergroup). */
    Outbound retarget(long newChatId);

    record Send(long chatId, Txt text, Markup markup, Integer replyTo, Locale locale) implements Outbound {

        public Send withMarkup(Markup newMarkup) {
            return new Send(chatId, text, newMarkup, replyTo, locale);
        }

        @Override
        public Outbound retarget(long newChatId) {
            // a reply-to id belongs to the old chat's message numbering
            return new Send(newChatId, text, markup, null, locale);
        }
    }

    /**
     * A message in a group that people answer by replying to it (a roster, a question about
     * hours): sent like {@code send}, then remembered as a {@link GroupPrompts.Prompt} of {@code kind}
     * about {@code ref}, so that replies to it reach the feature that asked.
     */
    record Prompt(Send send, String kind, long ref, boolean open) implements Outbound {

        @Override
        public long chatId() {
            return send.chatId();
        }

        @Override
        public Outbound retarget(long newChatId) {
            return new Prompt((Send) send.retarget(newChatId), kind, ref, open);
        }
    }

    /** Replaces a message's text (and buttons; null removes them). */
    record Edit(long chatId, int messageId, Txt text, Markup.Inline markup, Locale locale) implements Outbound {

        @Override
        public Outbound retarget(long newChatId) {
            return this;
        }
    }

    /** Replaces only a message's buttons; null removes them. */
    record EditButtons(long chatId, int messageId, Markup.Inline markup, Locale locale) implements Outbound {

        @Override
        public Outbound retarget(long newChatId) {
            return this;
        }
    }

    record Delete(long chatId, int messageId) implements Outbound {

        @Override
        public Outbound retarget(long newChatId) {
            return this;
        }
    }

    /**
     * The answer to a button press: a short notice (or nothing) shown by the user's app, and
     * optionally a link it opens, e.g. {@code https://t.me/bot?start=...} into the private chat.
     */
    record Toast(String callbackId, Txt text, boolean alert, Locale locale, String url) implements Outbound {

        public Toast(String callbackId, Txt text, boolean alert, Locale locale) {
            this(callbackId, text, alert, locale, null);
        }

        @Override
        public long chatId() {
            return 0;
        }

        @Override
        public Outbound retarget(long newChatId) {
            return this;
        }
    }

    /**
     * The menu button of a private chat: a Mini App at {@code url} labelled {@code text}, or Telegram's
     * default (the command list) when {@code url} is null.
     */
    record MenuButton(long chatId, Txt text, String url, Locale locale) implements Outbound {

        @Override
        public Outbound retarget(long newChatId) {
            return this;
        }
    }

    record Document(long chatId, String fileName, byte[] content, Txt caption, Locale locale) implements Outbound {

        @Override
        public Outbound retarget(long newChatId) {
            return new Document(newChatId, fileName, content, caption, locale);
        }

        @Override
        public String toString() {
            return "Document[chat " + chatId + ", " + fileName + ", " + content.length + " bytes]";
        }
    }
}
