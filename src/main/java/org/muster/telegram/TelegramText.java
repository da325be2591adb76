package org.muster.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Telegram's text limits, counted as Telegram counts them: code points of the text after entity
 * parsing (tags do not count, {@code &lt;} is one character). A message over the limit is split at
 * line boundaries into several, so nothing is lost; only a single line longer than the limit is cut
 * inside, between characters, never inside a tag or an entity.
 */
final class TelegramText {

    private static final Pattern ENTITY_NAME = Pattern.compile("#?[A-Za-z0-9]+");

    /** sendMessage and editMessageText. */
    static final int MESSAGE = 4096;
    /** A document's caption. */
    static final int CAPTION = 1024;
    /** answerCallbackQuery's text. */
    static final int CALLBACK_ANSWER = 200;

    private TelegramText() {
    }

    /** The length Telegram measures: visible characters of HTML. */
    static int visibleLength(String html) {
        int length = 0;
        int i = 0;
        while (i < html.length()) {
            int step = markupAt(html, i);
            if (step > 0 && html.charAt(i) == '<') {
                i += step;
                continue;
            }
            length++;
            i += step > 0 ? step : Character.charCount(html.codePointAt(i));
        }
        return length;
    }

    /** The text in parts of at most {@code limit} visible characters, cut between lines where it can be. */
    static List<String> split(String html, int limit) {
        List<String> parts = new ArrayList<>();
        if (visibleLength(html) <= limit) {
            parts.add(html);
            return parts;
        }
        StringBuilder part = new StringBuilder();
        int partLength = 0;
        for (String line : html.split("\n", -1)) {
            int lineLength = visibleLength(line);
            if (partLength > 0 && partLength + 1 + lineLength > limit) {
                parts.add(part.toString());
                part.setLength(0);
                partLength = 0;
            }
            if (lineLength > limit) {
                for (String piece : cut(line, limit)) {
                    if (partLength > 0) {
                        parts.add(part.toString());
                        part.setLength(0);
                    }
                    part.append(piece);
                    partLength = visibleLength(piece);
                }
                continue;
            }
            if (partLength > 0) {
                part.append('\n');
                partLength++;
            }
            part.append(line);
            partLength += lineLength;
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        parts.removeIf(p -> p.isBlank());
        return parts;
    }

    /** The text cut to {@code limit} visible characters with an ellipsis: for what cannot be split (an edit, a caption). */
    static String truncate(String html, int limit) {
        if (visibleLength(html) <= limit) {
            return html;
        }
        return cut(html, limit - 1).get(0) + "…";
    }

    private static List<String> cut(String line, int limit) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int length = 0;
        int i = 0;
        while (i < line.length()) {
            int step = markupAt(line, i);
            boolean tag = step > 0 && line.charAt(i) == '<';
            if (!tag && length == limit) {
                pieces.add(piece.toString());
                piece.setLength(0);
                length = 0;
            }
            int size = step > 0 ? step : Character.charCount(line.codePointAt(i));
            piece.append(line, i, i + size);
            if (!tag) {
                length++;
            }
            i += size;
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** The length of a tag or an entity starting at {@code i}, or 0 for a plain character. */
    private static int markupAt(String html, int i) {
        char c = html.charAt(i);
        if (c == '<') {
            int end = html.indexOf('>', i);
            return end < 0 ? 0 : end - i + 1;
        }
        if (c == '&') {
            int end = html.indexOf(';', i);
            return end > i && end - i <= 10 && ENTITY_NAME.matcher(html).region(i + 1, end).matches() ? end - i + 1 : 0;
        }
        return 0;
    }
}
