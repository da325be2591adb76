package org.muster.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversation state in Redis under {@code muster:conv:{chatId}:{userId}}. Writes go through a Lua
 * compare-and-set on the stored {@code version}, so of two updates racing on one step only one
 * advances it, across any number of instances.
 */
@Component
class ConversationStore {

    private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);

    /** Versions stay below 2^50: Lua numbers are doubles and must compare them exactly. */
    static final long MAX_VERSION = 1L << 50;

    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            local version = 0
            if current then
              local ok, decoded = pcall(cjson.decode, current)
              if ok and type(decoded) == 'table' and decoded['version'] then version = tonumber(decoded['version']) end
            end
            if version ~= tonumber(ARGV[1]) then return 0 end
            if ARGV[2] == '' then
              redis.call('DEL', KEYS[1])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            return 1
            """;

    private final UnifiedJedis redis;
    private final JsonMapper json;

    ConversationStore(UnifiedJedis redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    static String key(long chatId, long userId) {
        return "muster:conv:" + chatId + ":" + userId;
    }

    /** The stored conversation, or empty; a value that is not ours is reported as {@link Unreadable}. */
    Optional<StoredConversation> load(long chatId, long userId) throws Unreadable {
        String value = redis.get(key(chatId, userId));
        if (value == null) {
            return Optional.empty();
        }
        try {
            StoredConversation stored = json.readValue(value, StoredConversation.class);
            if (stored.flow() == null || stored.step() == null || stored.expiresAt() == null) {
                throw new Unreadable(versionOf(value));
            }
            return Optional.of(stored);
        } catch (JacksonException e) {
            throw new Unreadable(versionOf(value));
        }
    }

    /**
     * Replaces the conversation whose version is {@code expectedVersion} (0: none) with
     * {@code next} (null: none). False when someone else changed it first.
     */
    boolean compareAndSet(long chatId, long userId, long expectedVersion, StoredConversation next, Duration ttl) {
        String value = next == null ? "" : json.writeValueAsString(next);
        Object result = redis.eval(COMPARE_AND_SET, List.of(key(chatId, userId)),
                List.of(Long.toString(expectedVersion), value, Long.toString(Math.max(1, ttl.toMillis()))));
        return Long.valueOf(1).equals(result);
    }

    private long versionOf(String value) {
        try {
            var node = json.readTree(value);
            return node.path("version").asLong(0);
        } catch (JacksonException e) {
            log.debug("conversation value is not JSON");
            return 0;
        }
    }

    /** A stored value that cannot be read as a conversation; {@code version} lets it be removed safely. */
    static final class Unreadable extends Exception {
        final long version;

        Unreadable(long version) {
            super("unreadable conversation state", null, false, false);
            this.version = version;
        }
    }
}
