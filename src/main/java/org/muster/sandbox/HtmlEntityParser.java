package org.muster.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's HTML parse mode, ported from TDLib's {@code parse_html}: the same tag set, the same
 * leniencies (a {@code <} is always a tag, {@code &lt} works without its semicolon, an end tag may
 * be written {@code </>}) and the same error texts with UTF-8 byte offsets, so that a message
 * Telegram refuses is refused here with the words Telegram uses.
 */
final class HtmlEntityParser {

    /** Why Telegram could not read the HTML; the Bot API prefixes it with "can't parse entities: ". */
    static final class ParseException extends Exception {
        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    record Result(String text, List<TextEntity> entities) {
    }

    private static final Set<String> TAGS = Set.of("a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
            "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote");
    private static final Pattern USER_LINK = Pattern.compile("(?i)tg://user\\?id=([0-9]{1,18})");
    private static final Pattern HTTP_LINK = Pattern.compile("(?i)(https?|ton)://([^/?#\\s]+)([^\\s]*)");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern BARE_HOST = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+(:[0-9]{1,5})?([/?#][^\\s]*)?");

    private record OpenTag(String name, String argument, int offset) {
    }

    private final String html;
    private final int length;
    private final int[] byteOffsets;
    private final LongPredicate knownUser;

    private HtmlEntityParser(String html, LongPredicate knownUser) {
        this.html = html;
        this.length = html.length();
        this.byteOffsets = utf8Offsets(html);
        this.knownUser = knownUser;
    }

    /**
     * @param knownUser whether a {@code tg://user?id=} link names a user the bot may mention
     */
    static Result parse(String html, LongPredicate knownUser) throws ParseException {
        return new HtmlEntityParser(html, knownUser).run();
    }

    private Result run() throws ParseException {
        StringBuilder out = new StringBuilder(length);
        List<TextEntity> entities = new ArrayList<>();
        Deque<OpenTag> open = new ArrayDeque<>();
        boolean halfSurrogateDecoded = false;
        int i = 0;
        while (i < length) {
            char c = html.charAt(i);
            if (c == '&') {
                int[] decoded = decodeEntity(i);
                if (decoded != null) {
                    int codePoint = decoded[0];
                    if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                        halfSurrogateDecoded = true;
                        out.append((char) codePoint);
                    } else {
                        out.appendCodePoint(codePoint);
                    }
                    i = decoded[1];
                    continue;
                }
            }
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            int begin = i++;
            if (at(i) != '/') {
                i = startTag(begin, i, out, open);
            } else {
                i = endTag(begin, i, out, open, entities);
            }
        }
        if (!open.isEmpty()) {
            throw new ParseException("Can't find end tag corresponding to start tag " + open.peek().name());
        }
        List<TextEntity> result = new ArrayList<>(entities.size());
        for (TextEntity entity : entities) {
            // a language only survives on a pre; a lone code keeps none
            result.add(entity.type().equals("code") && entity.language() != null
                    ? new TextEntity("code", entity.offset(), entity.length(), null, null, null, null) : entity);
        }
        result.sort(TextEntity.ORDER);
        String text = out.toString();
        if (halfSurrogateDecoded && hasUnpairedSurrogate(text)) {
            throw new ParseException("Text contains invalid Unicode characters after decoding HTML entities, "
                    + "check for unmatched surrogate code units");
        }
        return new Result(text, result);
    }

    private int startTag(int begin, int i, StringBuilder out, Deque<OpenTag> open) throws ParseException {
        while (!isSpace(at(i)) && at(i) != '>') {
            i++;
        }
        if (i >= length) {
            throw new ParseException("Unclosed start tag at byte offset " + byteOffsets[begin]);
        }
        String tag = html.substring(begin + 1, i).toLowerCase(Locale.ROOT);
        if (!TAGS.contains(tag)) {
            throw new ParseException("Unsupported start tag \"" + tag + "\" at byte offset " + byteOffsets[begin]);
        }
        String argument = "";
        while (at(i) != '>') {
            while (i < length && isSpace(at(i))) {
                i++;
            }
            if (at(i) == '>') {
                break;
            }
            int attributeBegin = i;
            while (!isSpace(at(i)) && at(i) != '=' && at(i) != '>') {
                i++;
            }
            String attribute = html.substring(attributeBegin, i);
            if (attribute.isEmpty()) {
                throw new ParseException("Empty attribute name in the tag \"" + tag + "\" at byte offset "
                        + byteOffsets[begin]);
            }
            while (i < length && isSpace(at(i))) {
                i++;
            }
            if (at(i) != '=') {
                // the one attribute Telegram takes without a value: <blockquote expandable>
                if (tag.equals("blockquote") && attribute.equals("expandable") && i < length) {
                    argument = "expandable";
                    continue;
                }
                throw new ParseException("Expected equal sign in declaration of an attribute of the tag \"" + tag
                        + "\" at byte offset " + byteOffsets[begin]);
            }
            i++;
            while (i < length && isSpace(at(i))) {
                i++;
            }
            if (i >= length) {
                throw new ParseException("Unclosed start tag \"" + tag + "\" at byte offset " + byteOffsets[begin]);
            }
            String value;
            if (at(i) != '\'' && at(i) != '"') {
                // a name token: letters, digits, periods and hyphens, not case sensitive
                int tokenBegin = i;
                while (isAsciiAlphanumeric(at(i)) || at(i) == '.' || at(i) == '-') {
                    i++;
                }
                value = html.substring(tokenBegin, i).toLowerCase(Locale.ROOT);
                if (!isSpace(at(i)) && at(i) != '>') {
                    throw new ParseException("Unexpected end of name token at byte offset " + byteOffsets[tokenBegin]);
                }
            } else {
                char quote = html.charAt(i++);
                StringBuilder literal = new StringBuilder();
                while (i < length && html.charAt(i) != quote) {
                    if (html.charAt(i) == '&') {
                        int[] decoded = decodeEntity(i);
                        if (decoded != null) {
                            literal.appendCodePoint(decoded[0]);
                            i = decoded[1];
                            continue;
                        }
                    }
                    literal.append(html.charAt(i++));
                }
                if (i < length) {
                    i++;
                }
                value = literal.toString();
            }
            if (i >= length) {
                throw new ParseException("Unclosed start tag at byte offset " + byteOffsets[begin]);
            }
            if (tag.equals("a") && attribute.equals("href")) {
                argument = value;
            } else if (tag.equals("code") && attribute.equals("class") && value.startsWith("language-")) {
                argument = value.substring("language-".length());
            } else if (tag.equals("span") && attribute.equals("class") && value.startsWith("tg-")) {
                argument = value.substring("tg-".length());
            } else if (tag.equals("tg-emoji") && attribute.equals("emoji-id")) {
                argument = value;
            }
        }
        if (tag.equals("span") && !argument.equals("spoiler")) {
            throw new ParseException("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffsets[begin]);
        }
        open.push(new OpenTag(tag, argument, out.length()));
        return i + 1;
    }

    private int endTag(int begin, int i, StringBuilder out, Deque<OpenTag> open, List<TextEntity> entities)
            throws ParseException {
        if (open.isEmpty()) {
            throw new ParseException("Unexpected end tag at byte offset " + byteOffsets[begin]);
        }
        while (!isSpace(at(i)) && at(i) != '>') {
            i++;
        }
        String name = html.substring(begin + 2, i).toLowerCase(Locale.ROOT);
        while (i < length && isSpace(at(i))) {
            i++;
        }
        if (at(i) != '>') {
            throw new ParseException("Unclosed end tag at byte offset " + byteOffsets[begin]);
        }
        OpenTag tag = open.peek();
        if (!name.isEmpty() && !name.equals(tag.name())) {
            throw new ParseException("Unmatched end tag at byte offset " + byteOffsets[begin] + ", expected \"</"
                    + tag.name() + ">\", found \"</" + name + ">\"");
        }
        if (out.length() > tag.offset()) {
            addEntity(tag, out, entities);
        }
        open.pop();
        return i + 1;
    }

    private void addEntity(OpenTag tag, StringBuilder out, List<TextEntity> entities) throws ParseException {
        int offset = tag.offset();
        int entityLength = out.length() - offset;
        TextEntity last = entities.isEmpty() ? null : entities.get(entities.size() - 1);
        boolean sameRangeAsLast = last != null && last.offset() == offset && last.length() == entityLength;
        switch (tag.name()) {
            case "i", "em" -> entities.add(TextEntity.of("italic", offset, entityLength));
            case "b", "strong" -> entities.add(TextEntity.of("bold", offset, entityLength));
            case "s", "strike", "del" -> entities.add(TextEntity.of("strikethrough", offset, entityLength));
            case "u", "ins" -> entities.add(TextEntity.of("underline", offset, entityLength));
            case "tg-spoiler", "span" -> entities.add(TextEntity.of("spoiler", offset, entityLength));
            case "blockquote" -> entities.add(TextEntity.of(
                    tag.argument().equals("expandable") ? "expandable_blockquote" : "blockquote", offset, entityLength));
            case "tg-emoji" -> {
                long id;
                try {
                    id = Long.parseLong(tag.argument());
                } catch (NumberFormatException e) {
                    id = 0;
                }
                if (id == 0) {
                    throw new ParseException("Invalid custom emoji identifier specified");
                }
                entities.add(new TextEntity("custom_emoji", offset, entityLength, null, null, Long.toString(id), null));
            }
            case "a" -> {
                String url = tag.argument().isEmpty() ? out.substring(offset) : tag.argument();
                Matcher user = USER_LINK.matcher(url.trim());
                if (user.matches()) {
                    long userId = Long.parseLong(user.group(1));
                    if (knownUser.test(userId)) {
                        entities.add(new TextEntity("text_mention", offset, entityLength, null, null, null, userId));
                    }
                } else {
                    String checked = checkedLink(url);
                    if (checked != null) {
                        entities.add(new TextEntity("text_link", offset, entityLength, checked, null, null, null));
                    }
                }
            }
            case "pre" -> {
                if (sameRangeAsLast && last.type().equals("code") && last.language() != null && !last.language().isEmpty()) {
                    entities.set(entities.size() - 1,
                            new TextEntity("pre", offset, entityLength, null, last.language(), null, null));
                } else {
                    entities.add(TextEntity.of("pre", offset, entityLength));
                }
            }
            case "code" -> {
                if (sameRangeAsLast && last.type().equals("pre") && !tag.argument().isEmpty()) {
                    entities.set(entities.size() - 1,
                            new TextEntity("pre", offset, entityLength, null, tag.argument(), null, null));
                } else {
                    entities.add(new TextEntity("code", offset, entityLength, null,
                            tag.argument().isEmpty() ? null : tag.argument(), null, null));
                }
            }
            default -> throw new IllegalStateException("tag without entity: " + tag.name());
        }
    }

    /**
     * What Telegram keeps of a link: http(s) links normalised (scheme and host lower case, a path of
     * at least "/"), tg:// links as given, bare hosts as http links; anything else is dropped.
     */
    static String checkedLink(String url) {
        String link = url.trim();
        if (link.isEmpty()) {
            return null;
        }
        Matcher http = HTTP_LINK.matcher(link);
        if (http.matches()) {
            String path = http.group(3).isEmpty() ? "/" : http.group(3);
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
            return http.group(1).toLowerCase(Locale.ROOT) + "://" + http.group(2).toLowerCase(Locale.ROOT) + path;
        }
        Matcher scheme = SCHEME.matcher(link);
        if (scheme.find()) {
            return scheme.group(1).equalsIgnoreCase("tg") ? link : null;
        }
        return BARE_HOST.matcher(link).matches() ? checkedLink("http://" + link) : null;
    }

    /** TDLib's decode_html_entity: {code point, index after it}, or null when it is no entity. */
    private int[] decodeEntity(int position) {
        int end = position + 1;
        long value = 0;
        if (at(position + 1) == '#') {
            end++;
            if (at(position + 2) == 'x') {
                end++;
                while (Character.digit(at(end), 16) >= 0 && isAscii(at(end))) {
                    value = Math.min(value * 16 + Character.digit(at(end), 16), 0x110000);
                    end++;
                }
            } else {
                while (at(end) >= '0' && at(end) <= '9') {
                    value = Math.min(value * 10 + (at(end) - '0'), 0x110000);
                    end++;
                }
            }
            if (value == 0 || value >= 0x10FFFF || end - position >= 10) {
                return null;
            }
        } else {
            while (isAsciiLetter(at(end))) {
                end++;
            }
            switch (html.substring(position + 1, end)) {
                case "lt" -> value = '<';
                case "gt" -> value = '>';
                case "amp" -> value = '&';
                case "quot" -> value = '"';
                default -> {
                    return null;
                }
            }
        }
        return new int[] {(int) value, at(end) == ';' ? end + 1 : end};
    }

    private char at(int index) {
        return index < length ? html.charAt(index) : '\0';
    }

    /** TDLib's is_space, which also stops at the end of the text (NUL). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\u000B';
    }

    private static boolean isAscii(char c) {
        return c < 0x80;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    /** Byte offset in the UTF-8 encoding of each UTF-16 index; Telegram's errors count bytes. */
    private static int[] utf8Offsets(String text) {
        int[] offsets = new int[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int size;
            if (c < 0x80) {
                size = 1;
            } else if (c < 0x800) {
                size = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                size = 4;
            } else if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                size = 0;
            } else {
                size = 3;
            }
            offsets[i + 1] = offsets[i] + size;
        }
        return offsets;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
