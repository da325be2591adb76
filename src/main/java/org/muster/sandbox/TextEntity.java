package org.muster.sandbox;

import java.util.Comparator;
import java.util.Map;
import java.util.function.LongFunction;

import tools.jackson.databind.node.ObjectNode;

/**
 * One MessageEntity: a type over a UTF-16 range of the text, with the extra field some types have
 * ({@code url} of a text_link, {@code language} of a pre, {@code custom_emoji_id}, the user of a
 * text_mention).
 */
record TextEntity(String type, int offset, int length, String url, String language, String customEmojiId,
        Long userId) {

    /** TDLib's priorities, which order entities that start at the same place and have the same length. */
    private static final Map<String, Integer> PRIORITY = Map.ofEntries(
            Map.entry("mention", 50), Map.entry("hashtag", 50), Map.entry("bot_command", 50),
            Map.entry("url", 50), Map.entry("email", 50), Map.entry("bold", 90), Map.entry("italic", 91),
            Map.entry("code", 20), Map.entry("pre", 11), Map.entry("text_link", 49),
            Map.entry("text_mention", 49), Map.entry("cashtag", 50), Map.entry("phone_number", 50),
            Map.entry("underline", 92), Map.entry("strikethrough", 93), Map.entry("blockquote", 0),
            Map.entry("expandable_blockquote", 0), Map.entry("spoiler", 94), Map.entry("custom_emoji", 99));

    /** Telegram's order: by offset, the longer first, then by type priority. */
    static final Comparator<TextEntity> ORDER = Comparator.comparingInt(TextEntity::offset)
            .thenComparing(Comparator.comparingInt(TextEntity::length).reversed())
            .thenComparingInt(entity -> PRIORITY.getOrDefault(entity.type(), 50));

    static TextEntity of(String type, int offset, int length) {
        return new TextEntity(type, offset, length, null, null, null, null);
    }

    static boolean isKnownType(String type) {
        return PRIORITY.containsKey(type);
    }

    int end() {
        return offset + length;
    }

    boolean overlaps(TextEntity other) {
        return offset < other.end() && other.offset < end();
    }

    TextEntity withRange(int newOffset, int newLength) {
        return new TextEntity(type, newOffset, newLength, url, language, customEmojiId, userId);
    }

    /** Written in Telegram's field order: offset, length, type, then the type's own field. */
    ObjectNode toJson(LongFunction<ObjectNode> users) {
        ObjectNode json = SandboxJson.object().put("offset", offset).put("length", length).put("type", type);
        SandboxJson.putIfPresent(json, "url", url);
        SandboxJson.putIfPresent(json, "language", language);
        SandboxJson.putIfPresent(json, "custom_emoji_id", customEmojiId);
        if (userId != null) {
            json.set("user", users.apply(userId));
        }
        return json;
    }
}
