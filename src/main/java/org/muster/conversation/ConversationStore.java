package org.muster.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.muster.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversation state in Redis under {@code muster:conv:{chatId}:{userId}} ({@code {muster}:conv:…} under
 * Redis Cluster, where the first braces are the hash tag that keeps all of Muster's keys in one slot:
 * {@link RedisKeys}). Writes go through a Lua compare-and-set on the stored
 * {@code version} ({@code EVALSHA}), so of two updates racing on one step only one advances it, across
 * any number of instances. While an update is handled, its sender's conversation in its chat has been
 * read already, in the same round trip as the update's claim ({@link #preload}): the flow step's first
 * load costs nothing more, and a step costs Redis one command, its save.
 *
 * <p>The state, with whatever the user typed into it (a sign-up draft holds a name and a phone
 * number), lives only as long as the conversation: the idle timeout. Beside it a marker that names
 * nothing but the flow lives for the notice window after, so a late answer is told that the
 * conversation ended and how to start again.
 */
@Component
class ConversationStore {

    private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);

    /** Versions stay below 2^50: Lua numbers are doubles and must compare them exactly. */
    static final long MAX_VERSION = 1L << 50;

    private static final RedisScript COMPARE_AND_SET = new RedisScript("""
            local current = redis.call('GET', KEYS[1])
            local version = 0
            if current then
              local ok, decoded = pcall(cjson.decode, current)
              if ok and type(decoded) == 'table' and decoded['version'] then version = tonumber(decoded['version']) end
            end
            if version ~= tonumber(ARGV[1]) then return 0 end
            if ARGV[2] == '' then
              redis.call('DEL', KEYS[1], KEYS[2])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
            end
            return 1
            """);

    /**
     * What the update being handled on this thread read of its sender's conversation with its claim
     * ({@link UpdateLedger#claim(long, long, long)}), so that the turn's first look at it costs no round
     * trip. Kept up to date by this thread's own writes; a lost compare-and-set forgets it, so the retry
     * reads Redis again.
     */
    private static final ThreadLocal<Preloaded> PRELOADED = new ThreadLocal<>();

    private static final class Preloaded {
        final long chatId;
        final long userId;
        String value;
        boolean idleMarker;

        Preloaded(long chatId, long userId, String value, boolean idleMarker) {
            this.chatId = chatId;
            this.userId = userId;
            this.value = value;
            this.idleMarker = idleMarker;
        }

        boolean is(long chat, long user) {
            return chatId == chat && userId == user;
        }
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final RedisKeys keys;

    @Autowired
    ConversationStore(UnifiedJedis redis, JsonMapper json, RedisKeys keys) {
        this.redis = redis;
        this.json = json;
        this.keys = keys;
    }

    /** With the keys of one server or Sentinel ({@link RedisKeys#STANDALONE}): for tests. */
    ConversationStore(UnifiedJedis redis, JsonMapper json) {
        this(redis, json, RedisKeys.STANDALONE);
    }

    static String key(RedisKeys keys, long chatId, long userId) {
        return keys.prefix() + "conv:{" + chatId + "}:" + userId;
    }

    /** Names the flow of a conversation that ended by running idle; holds nothing the user typed. */
    static String idleMarker(RedisKeys keys, long chatId, long userId) {
        return key(keys, chatId, userId) + ":idle";
    }

    String key(long chatId, long userId) {
        return key(keys, chatId, userId);
    }

    String idleMarker(long chatId, long userId) {
        return idleMarker(keys, chatId, userId);
    }

    /**
     * For the update this thread handles: the conversation of ({@code chatId}, {@code userId}) as read
     * with its claim ({@code value} null: none; {@code idleMarker}: only its idle marker is left).
     */
    static void preload(long chatId, long userId, String value, boolean idleMarker) {
        PRELOADED.set(new Preloaded(chatId, userId, value, idleMarker));
    }

    /** The update is over: what was read with its claim is forgotten. */
    static void forgetPreloaded() {
        PRELOADED.remove();
    }

    private static Preloaded preloaded(long chatId, long userId) {
        Preloaded known = PRELOADED.get();
        return known != null && known.is(chatId, userId) ? known : null;
    }

    /** The stored conversation, or empty; a value that is not ours is reported as {@link Unreadable}. */
    Optional<StoredConversation> load(long chatId, long userId) throws Unreadable {
        Preloaded known = preloaded(chatId, userId);
        String value = known != null ? known.value : redis.get(key(chatId, userId));
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

    /** The flow of a conversation that ran idle since the user last wrote, once: the marker is taken. */
    Optional<String> takeIdle(long chatId, long userId) {
        Preloaded known = preloaded(chatId, userId);
        if (known != null) {
            if (!known.idleMarker) {
                return Optional.empty();
            }
            known.idleMarker = false;
        }
        return Optional.ofNullable(redis.getDel(idleMarker(chatId, userId)));
    }

    /**
     * Replaces the conversation whose version is {@code expectedVersion} (0: none) with
     * {@code next} (null: none), kept for {@code idle}, its marker for {@code idle + noticeWindow}.
     * False when someone else changed it first.
     */
    boolean compareAndSet(long chatId, long userId, long expectedVersion, StoredConversation next, Duration idle, Duration noticeWindow) {
        String value = next == null ? "" : json.writeValueAsString(next);
        Preloaded known = preloaded(chatId, userId);
        if (known != null) {
            // whatever comes of it, what was read before is no longer known to hold
            PRELOADED.remove();
        }
        Object result = COMPARE_AND_SET.run(redis, List.of(key(chatId, userId), idleMarker(chatId, userId)),
                List.of(Long.toString(expectedVersion), value, Long.toString(Math.max(1, idle.toMillis())),
                        next == null ? "" : next.flow(), Long.toString(Math.max(1, idle.plus(noticeWindow).toMillis()))));
        boolean written = Long.valueOf(1).equals(result);
        if (written && known != null) {
            // this thread's own write: the state is what it wrote (none, with no marker, when it removed it)
            known.value = next == null ? null : value;
            known.idleMarker = false;
            PRELOADED.set(known);
        }
        return written;
    }

    /** Removes the conversation whatever its version. */
    boolean remove(long chatId, long userId, long expectedVersion) {
        return compareAndSet(chatId, userId, expectedVersion, null, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Every conversation of the user in any chat, and their markers: for an erasure. A scan over the
     * keyspace, which only an erasure pays for. Under Redis Cluster the pattern begins with the hash tag
     * {@code {muster}}, so Jedis sends the SCAN to the primary of Muster's one slot, where all the keys are
     * (it refuses a cluster SCAN whose pattern has no hash tag; the later {@code {*}} is none: Redis hashes
     * the first braces only, and in a glob braces are plain characters).
     */
    int removeAllOf(long userId) {
        PRELOADED.remove();
        int removed = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(keys.prefix() + "conv:{*}:" + userId + "*").count(1000);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String key : page.getResult()) {
                if (key.endsWith(":" + userId) || key.endsWith(":" + userId + ":idle")) {
                    removed += (int) redis.del(key);
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return removed;
    }

    /** Every conversation in the chat, and their markers: for a sandbox reset. A scan over the keyspace. */
    int removeAllIn(long chatId) {
        PRELOADED.remove();
        int removed = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        // the braces are no pattern characters in Redis' glob
        ScanParams match = new ScanParams().match(keys.prefix() + "conv:{" + chatId + "}:*").count(1000);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String key : page.getResult()) {
                removed += (int) redis.del(key);
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return removed;
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
