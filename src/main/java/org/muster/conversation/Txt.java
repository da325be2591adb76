package org.muster.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text to show a user: a message-bundle key with arguments, or a literal (user-supplied text,
 * a name, a number). Rendering happens at send time in the recipient's language; literals and
 * arguments are escaped there, bundle texts are trusted markup.
 */
public record Txt(String key, List<Object> args, String literal) implements java.io.Serializable {

    public Txt {
        args = args == null ? List.of() : List.copyOf(args);
        if ((key == null) == (literal == null)) {
            throw new IllegalArgumentException("a text is either a key or a literal");
        }
    }

    public static Txt of(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        return new Txt(key, Arrays.stream(args).map(a -> a == null ? "" : a).toList(), null);
    }

    /** The items one after another, separated as the language separates a list (、 or , ). */
    public static Txt join(List<Txt> items) {
        return new Txt(JOIN, List.copyOf(items), null);
    }

    static final String JOIN = "list.separator";
    static final String DATE = "format.date";
    static final String TIME = "format.time";

    /** A date (with weekday) in the reader's language, e.g. 12月1日 周二 or Tue 1 Dec. */
    public static Txt date(java.time.ZonedDateTime when) {
        return new Txt(DATE, List.of(when), null);
    }

    /** A time of day, e.g. 08:00. */
    public static Txt time(java.time.ZonedDateTime when) {
        return new Txt(TIME, List.of(when), null);
    }

    public static Txt literal(String text) {
        return new Txt(null, List.of(), Objects.requireNonNull(text, "text"));
    }

    /** How much of a user's own words a reply quotes back, at most. */
    public static final int QUOTE_LIMIT = 32;

    /**
     * A short excerpt of what a user typed, to quote back to them: on one line, at most
     * {@link #QUOTE_LIMIT} characters with an ellipsis. Someone else's words must never become a long
     * message in the bot's voice.
     */
    public static Txt quote(String userText) {
        String line = userText == null ? "" : userText.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").strip();
        if (line.codePointCount(0, line.length()) > QUOTE_LIMIT) {
            line = line.substring(0, line.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
        }
        return literal(line);
    }

    public boolean isLiteral() {
        return literal != null;
    }

    @Override
    public String toString() {
        return isLiteral() ? "Txt[literal, " + literal.length() + " chars]" : "Txt[" + key + "]";
    }
}
