package org.muster.conversation;

import java.util.List;

/** What may accompany a message: buttons under it, a keyboard in place of the user's, or a reply prompt. */
public sealed interface Markup extends java.io.Serializable {

    /** Buttons under the message. {@code data} is at most 64 bytes; the platform refuses more. */
    record Inline(List<List<Button>> rows) implements Markup {

        public Inline {
            rows = rows.stream().map(List::copyOf).toList();
        }

        public static Inline of(List<Button> row) {
            return new Inline(List.of(row));
        }

        public static Inline column(List<Button> buttons) {
            return new Inline(buttons.stream().map(List::of).toList());
        }
    }

    /**
     * One inline button: a callback ({@code data}), a link ({@code url}), or a Mini App that Telegram's
     * client opens at {@code url} with the user's signed data ({@code webApp}; private chats only).
     */
    record Button(Txt label, String data, String url, boolean webApp) implements java.io.Serializable {

        public Button(Txt label, String data, String url) {
            this(label, data, url, false);
        }

        public static Button callback(Txt label, String data) {
            return new Button(label, data, null);
        }

        public static Button link(Txt label, String url) {
            return new Button(label, null, url);
        }

        public static Button webApp(Txt label, String url) {
            return new Button(label, null, url, true);
        }
    }

    /** A keyboard replacing the user's own, e.g. to share a contact or a location. */
    record Keyboard(List<List<Key>> rows, boolean oneTime, Txt placeholder) implements Markup {

        public Keyboard {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    record Key(Txt label, KeyAction action) implements java.io.Serializable {

        public static Key text(Txt label) {
            return new Key(label, KeyAction.TEXT);
        }
    }

    enum KeyAction { TEXT, SHARE_CONTACT, SHARE_LOCATION }

    /** Takes a {@link Keyboard} away again. */
    record RemoveKeyboard() implements Markup {
    }

    /**
     * Opens the reply composer on this message. In a group with privacy mode on, replies to the
     * bot's messages are what reach it; {@code selective} asks only the people mentioned or
     * replied to.
     */
    record ForceReply(boolean selective, Txt placeholder) implements Markup {
    }
}
