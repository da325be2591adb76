package org.muster.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;

import tools.jackson.databind.JsonNode;

/**
 * Turns what a client sends ({@code text}, {@code parse_mode}, {@code entities}) into what
 * Telegram stores: HTML parsed, surrounding white space trimmed, and the entities Telegram finds
 * by itself added. {@code MarkdownV2} and {@code Markdown} are accepted but read as plain text:
 * the one parse mode Muster uses is HTML.
 */
final class MessageTextFormatter {

    /** Styles Telegram merges when they touch, e.g. {@code <b>a</b><b>b</b>} is one bold run. */
    private static final Set<String> MERGEABLE = Set.of("bold", "italic", "underline", "strikethrough", "spoiler");
    /** Entities that leave no room for a link or mention Telegram would find inside them. */
    private static final Set<String> STYLE_ONLY = Set.of("bold", "italic", "underline", "strikethrough", "spoiler",
            "blockquote", "expandable_blockquote");

    private MessageTextFormatter() {
    }

    static FormattedText format(String raw, String parseMode, JsonNode entities, LongPredicate knownUser) {
        String mode = parseMode == null ? "" : parseMode.trim().toLowerCase(Locale.ROOT);
        String text;
        List<TextEntity> given;
        switch (mode) {
            case "", "none" -> {
                text = raw;
                given = SandboxJson.present(entities) ? explicitEntities(entities, raw.length(), knownUser) : List.of();
            }
            case "html" -> {
                try {
                    HtmlEntityParser.Result parsed = HtmlEntityParser.parse(raw, knownUser);
                    text = parsed.text();
                    given = parsed.entities();
                } catch (HtmlEntityParser.ParseException e) {
                    throw BotApiException.badRequest("can't parse entities: " + e.getMessage());
                }
            }
            case "markdown", "markdownv2" -> {
                text = raw;
                given = List.of();
            }
            default -> throw BotApiException.badRequest("unsupported parse_mode");
        }
        return finish(text, given);
    }

    /** Text a user typed: no markup, only what Telegram detects. */
    static FormattedText plain(String raw) {
        return finish(raw, List.of());
    }

    private static FormattedText finish(String text, List<TextEntity> given) {
        int start = 0;
        int end = text.length();
        while (start < end && isTrimmed(text.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(text.charAt(end - 1))) {
            end--;
        }
        String trimmed = text.substring(start, end);
        List<TextEntity> entities = new ArrayList<>();
        for (TextEntity entity : given) {
            int from = Math.max(entity.offset(), start) - start;
            int to = Math.min(entity.end(), end) - start;
            if (to > from) {
                entities.add(entity.withRange(from, to - from));
            }
        }
        List<TextEntity> blocking = entities.stream().filter(entity -> !STYLE_ONLY.contains(entity.type())).toList();
        for (TextEntity found : EntityDetector.find(trimmed)) {
            if (blocking.stream().noneMatch(found::overlaps)) {
                entities.add(found);
            }
        }
        List<TextEntity> merged = merge(entities);
        merged.sort(TextEntity.ORDER);
        return new FormattedText(trimmed, merged);
    }

    private static List<TextEntity> merge(List<TextEntity> entities) {
        List<TextEntity> result = new ArrayList<>();
        for (TextEntity entity : entities) {
            if (!MERGEABLE.contains(entity.type())) {
                result.add(entity);
            }
        }
        for (String type : MERGEABLE) {
            List<TextEntity> runs = entities.stream().filter(entity -> entity.type().equals(type))
                    .sorted(Comparator.comparingInt(TextEntity::offset)).toList();
            TextEntity current = null;
            for (TextEntity run : runs) {
                if (current != null && run.offset() <= current.end()) {
                    int runEnd = Math.max(current.end(), run.end());
                    current = current.withRange(current.offset(), runEnd - current.offset());
                } else {
                    if (current != null) {
                        result.add(current);
                    }
                    current = run;
                }
            }
            if (current != null) {
                result.add(current);
            }
        }
        return result;
    }

    private static List<TextEntity> explicitEntities(JsonNode entities, int textLength, LongPredicate knownUser) {
        if (!entities.isArray()) {
            throw BotApiException.badRequest("can't parse entities JSON object");
        }
        List<TextEntity> result = new ArrayList<>();
        for (JsonNode entity : entities) {
            if (!entity.isObject() || !entity.path("type").isString()) {
                throw BotApiException.badRequest("can't parse entities JSON object");
            }
            String type = entity.path("type").stringValue();
            OptionalLong offset = SandboxJson.wholeNumber(entity.get("offset"));
            OptionalLong length = SandboxJson.wholeNumber(entity.get("length"));
            if (!TextEntity.isKnownType(type) || offset.isEmpty() || length.isEmpty() || offset.getAsLong() < 0
                    || length.getAsLong() < 0) {
                throw BotApiException.badRequest("can't parse entities JSON object");
            }
            int from = (int) Math.min(offset.getAsLong(), textLength);
            int to = (int) Math.min(offset.getAsLong() + length.getAsLong(), textLength);
            if (to <= from) {
                continue;
            }
            switch (type) {
                case "text_link" -> {
                    String url = HtmlEntityParser.checkedLink(SandboxJson.text(entity.get("url")).orElse(""));
                    if (url == null) {
                        throw BotApiException.badRequest("can't parse entities: Wrong HTTP URL");
                    }
                    result.add(new TextEntity(type, from, to - from, url, null, null, null));
                }
                case "text_mention" -> {
                    OptionalLong userId = SandboxJson.wholeNumber(entity.path("user").get("id"));
                    if (userId.isEmpty() || !knownUser.test(userId.getAsLong())) {
                        throw BotApiException.badRequest("can't parse entities: user not found");
                    }
                    result.add(new TextEntity(type, from, to - from, null, null, null, userId.getAsLong()));
                }
                case "pre" -> result.add(new TextEntity(type, from, to - from, null,
                        SandboxJson.text(entity.get("language")).filter(language -> !language.isEmpty()).orElse(null),
                        null, null));
                case "custom_emoji" -> result.add(new TextEntity(type, from, to - from, null, null,
                        SandboxJson.text(entity.get("custom_emoji_id")).orElse("0"), null));
                default -> result.add(TextEntity.of(type, from, to - from));
            }
        }
        return result;
    }

    /** TDLib trims these around a message text. */
    private static boolean isTrimmed(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\u000B';
    }
}
