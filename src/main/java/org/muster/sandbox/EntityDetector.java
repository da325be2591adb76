package org.muster.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entities Telegram finds by itself in any text: {@code @mentions}, {@code /commands},
 * {@code #hashtags}, {@code $CASHTAGS}, links, e-mail addresses and phone numbers. Mentions,
 * commands, hashtags and cashtags follow TDLib's matchers; links, e-mail addresses and phone
 * numbers use simpler patterns that catch the usual forms (scheme links, {@code www.} and
 * {@code t.me/} links, {@code +} and 7 to 15 digits).
 */
final class EntityDetector {

    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}_/@.])(?:https?://|www\\.|t\\.me/)[^\\s<>\"«»]+");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\p{L}\\p{N}_@])");
    /** An international phone number written as one run of digits, as Muster writes them: {@code +8613800000000}. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}_+])\\+[1-9][0-9]{6,14}(?![\\p{L}\\p{N}_])");
    private static final String TRAILING_PUNCTUATION = ".,;:!?'\"";

    private EntityDetector() {
    }

    /** Entities found in the text, none overlapping another, in text order. */
    static List<TextEntity> find(String text) {
        List<TextEntity> found = new ArrayList<>();
        found.addAll(urls(text));
        found.addAll(emails(text));
        found.addAll(phoneNumbers(text));
        found.addAll(mentions(text));
        found.addAll(botCommands(text));
        found.addAll(hashtags(text));
        found.addAll(cashtags(text));
        found.sort(Comparator.comparingInt(TextEntity::offset));
        List<TextEntity> kept = new ArrayList<>();
        for (TextEntity entity : found) {
            if (kept.stream().noneMatch(entity::overlaps)) {
                kept.add(entity);
            }
        }
        return kept;
    }

    static List<TextEntity> mentions(String text) {
        List<TextEntity> result = new ArrayList<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && isWordCharacter(text.codePointBefore(at))) {
                continue;
            }
            int end = at + 1;
            while (end < text.length() && isUsernameCharacter(text.charAt(end))) {
                end++;
            }
            int size = end - at - 1;
            // TDLib matches 2 to 32 characters, then keeps only names of real usernames' length
            if (size < 4 || size > 32) {
                continue;
            }
            if (end < text.length() && isWordCharacter(text.codePointAt(end))) {
                continue;
            }
            result.add(TextEntity.of("mention", at, end - at));
        }
        return result;
    }

    static List<TextEntity> botCommands(String text) {
        List<TextEntity> result = new ArrayList<>();
        for (int slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
            if (slash > 0) {
                int previous = text.codePointBefore(slash);
                if (isWordCharacter(previous) || previous == '/' || previous == '<' || previous == '>') {
                    continue;
                }
            }
            int position = slash + 1;
            while (position < text.length() && isUsernameCharacter(text.charAt(position))) {
                position++;
            }
            int size = position - slash - 1;
            if (size < 1 || size > 64) {
                continue;
            }
            int end = position;
            if (position < text.length() && text.charAt(position) == '@') {
                int nameEnd = position + 1;
                while (nameEnd < text.length() && isUsernameCharacter(text.charAt(nameEnd))) {
                    nameEnd++;
                }
                int nameSize = nameEnd - position - 1;
                if (nameSize < 3 || nameSize > 32) {
                    continue;
                }
                end = nameEnd;
                position = nameEnd;
            }
            if (position < text.length()) {
                int next = text.codePointAt(position);
                if (isWordCharacter(next) || next == '/' || next == '<' || next == '>') {
                    continue;
                }
            }
            result.add(TextEntity.of("bot_command", slash, end - slash));
        }
        return result;
    }

    static List<TextEntity> hashtags(String text) {
        List<TextEntity> result = new ArrayList<>();
        for (int hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', hash + 1)) {
            if (hash > 0 && isHashtagLetter(text.codePointBefore(hash))) {
                continue;
            }
            int position = hash + 1;
            int size = 0;
            int end = -1;
            boolean hasLetter = false;
            while (position < text.length()) {
                int codePoint = text.codePointAt(position);
                if (!isHashtagLetter(codePoint)) {
                    break;
                }
                position += Character.charCount(codePoint);
                if (size == 255) {
                    end = position;
                }
                if (size != 256) {
                    hasLetter |= Character.isLetter(codePoint);
                    size++;
                }
            }
            if (end < 0) {
                end = position;
            }
            if (size < 1 || (position < text.length() && text.charAt(position) == '#') || !hasLetter) {
                continue;
            }
            result.add(TextEntity.of("hashtag", hash, end - hash));
        }
        return result;
    }

    static List<TextEntity> cashtags(String text) {
        List<TextEntity> result = new ArrayList<>();
        for (int dollar = text.indexOf('$'); dollar >= 0; dollar = text.indexOf('$', dollar + 1)) {
            if (dollar > 0) {
                int previous = text.codePointBefore(dollar);
                if (isHashtagLetter(previous) || previous == '$') {
                    continue;
                }
            }
            int position = dollar + 1;
            if (text.startsWith("1INCH", position)) {
                position += 5;
            } else {
                while (position < text.length() && text.charAt(position) >= 'A' && text.charAt(position) <= 'Z') {
                    position++;
                }
            }
            int size = position - dollar - 1;
            if (size < 1 || size > 8) {
                continue;
            }
            if (position < text.length()) {
                int next = text.codePointAt(position);
                if (isHashtagLetter(next) || next == '$') {
                    continue;
                }
            }
            result.add(TextEntity.of("cashtag", dollar, position - dollar));
        }
        return result;
    }

    static List<TextEntity> urls(String text) {
        List<TextEntity> result = new ArrayList<>();
        Matcher matcher = URL.matcher(text);
        while (matcher.find()) {
            int end = matcher.end();
            while (end > matcher.start()) {
                char last = text.charAt(end - 1);
                boolean unbalancedParenthesis = last == ')' && text.substring(matcher.start(), end).indexOf('(') < 0;
                if (TRAILING_PUNCTUATION.indexOf(last) < 0 && !unbalancedParenthesis) {
                    break;
                }
                end--;
            }
            String candidate = text.substring(matcher.start(), end);
            if (candidate.contains(".") || candidate.toLowerCase().startsWith("http")) {
                int schemeEnd = candidate.indexOf("://");
                boolean hostPresent = schemeEnd < 0 || candidate.length() > schemeEnd + 3;
                if (hostPresent) {
                    result.add(TextEntity.of("url", matcher.start(), end - matcher.start()));
                }
            }
        }
        return result;
    }

    static List<TextEntity> emails(String text) {
        List<TextEntity> result = new ArrayList<>();
        Matcher matcher = EMAIL.matcher(text);
        while (matcher.find()) {
            result.add(TextEntity.of("email", matcher.start(), matcher.end() - matcher.start()));
        }
        return result;
    }

    /** Phone numbers, which Telegram's apps show as tap-to-call links. */
    static List<TextEntity> phoneNumbers(String text) {
        List<TextEntity> result = new ArrayList<>();
        Matcher matcher = PHONE.matcher(text);
        while (matcher.find()) {
            result.add(TextEntity.of("phone_number", matcher.start(), matcher.end() - matcher.start()));
        }
        return result;
    }

    /** TDLib's is_word_character: a letter, a number of any kind, or the underscore. */
    static boolean isWordCharacter(int codePoint) {
        if (codePoint == '_' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static boolean isUsernameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isHashtagLetter(int codePoint) {
        return codePoint == '_' || codePoint == 0x200C || codePoint == 0xB7 || (codePoint >= 0xD80 && codePoint <= 0xDFF)
                || Character.isLetter(codePoint) || Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER;
    }
}
