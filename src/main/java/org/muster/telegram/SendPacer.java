package org.muster.telegram;

import java.time.Duration;
import java.util.List;

import org.muster.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Keeps Muster under Telegram's limits with buckets in Redis, so that every instance draws from the
 * same budget: one per chat (private or group rates) and one for the whole bot. After a 429 the chat
 * is paused for {@code retry_after}, again in Redis, so the other instances wait too. It never waits
 * itself: it says how long the caller has to, and the queue serves other chats meanwhile.
 *
 * <p>One message costs one Redis command: a Lua script ({@link #SCRIPT}, called by its SHA) that reads
 * the chat's and the bot's pause and buckets with one {@code MGET}, and takes a token from both
 * buckets only if both can give one. It is atomic, so instances that race for the last token cost
 * nothing extra: no compare-and-set to retry. The buckets are GCRA (a token bucket kept as the time at
 * which it will be full again), computed from the Redis server's {@code TIME}, never from the
 * instances' clocks; a bucket's key expires when the bucket is full, so idle chats leave nothing behind.
 */
@Component
class SendPacer {

    /**
     * The buckets' keys hold the time at which the bucket is full again (µs of the Redis clock). Not
     * the names Bucket4j used ({@code muster:rate:chat:<chat>}, {@code muster:rate:global}): an older
     * instance still running during an upgrade could not read these values, nor this one its. Under
     * Redis Cluster they begin {@code {muster}:} like all of Muster's ({@link RedisKeys}): the script
     * takes the chat's and the bot's tokens together, so both must be in one slot.
     */
    private final RedisKeys names;
    private final String global;
    private final String globalPause;
    /**
     * Telegram's bucket for a chat starts when the first message arrives, a little after Muster's
     * started: a message sent the instant Muster's bucket holds a token again can still be a moment
     * early there. A chat that had to wait waits this much longer.
     */
    private static final long CHAT_MARGIN_MICROS = Duration.ofMillis(100).toNanos() / 1000;
    /** A wait for the bot's bucket is at least this long: a shorter one would only spin. */
    private static final long MIN_GLOBAL_WAIT_MICROS = 1000;

    /**
     * KEYS: chat pause, bot pause, chat bucket, bot bucket. ARGV[1] "acquire" or "pause".
     *
     * <p>acquire, ARGV: pacing on (1/0), then for the chat and the bot each the emission interval (µs
     * per token) and the burst, then the chat margin and the least bot wait (µs). Answers the wait in
     * µs: 0 when a token was taken from both buckets; otherwise nothing was taken.
     *
     * <p>pause, ARGV[2]: how long (ms). The pause key holds when it ends (server µs) and expires then;
     * a key holding anything else (an older instance's "1") is read by its TTL.
     *
     * <p>Values are integral µs stored with {@code %.0f} (a Lua number holds them exactly; tostring would
     * round them to 14 digits).
     */
    static final String SCRIPT = """
            if redis.replicate_commands then redis.replicate_commands() end
            local function clock()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000000 + tonumber(t[2])
            end
            if ARGV[1] == 'pause' then
              local ms = tonumber(ARGV[2])
              -- a shorter retry_after answered after a longer one must not cut that pause short
              if redis.call('PTTL', KEYS[1]) >= ms then return 0 end
              redis.call('SET', KEYS[1], string.format('%.0f', clock() + ms * 1000), 'PX', ms)
              return 0
            end
            local on = ARGV[2] == '1'
            local v
            if on then
              v = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
            else
              v = redis.call('MGET', KEYS[1], KEYS[2])
            end
            local now
            local function paused(i)
              if not v[i] then return 0 end
              local ends = tonumber(v[i])
              if ends == nil or ends < 1e15 then
                local ms = redis.call('PTTL', KEYS[i])
                return ms > 0 and ms * 1000 or 0
              end
              if now == nil then now = clock() end
              return math.max(0, ends - now)
            end
            local pause = math.max(paused(1), paused(2))
            if pause > 0 then return pause end
            if not on then return 0 end
            if now == nil then now = clock() end
            local chatT, chatBurst = tonumber(ARGV[3]), tonumber(ARGV[4])
            local botT, botBurst = tonumber(ARGV[5]), tonumber(ARGV[6])
            local chat = math.max(tonumber(v[3]) or 0, now)
            if chat - now > chatT * (chatBurst - 1) then
              return chat - now - chatT * (chatBurst - 1) + tonumber(ARGV[7])
            end
            local bot = math.max(tonumber(v[4]) or 0, now)
            if bot - now > botT * (botBurst - 1) then
              return math.max(tonumber(ARGV[8]), bot - now - botT * (botBurst - 1))
            end
            chat = chat + chatT
            bot = bot + botT
            redis.call('SET', KEYS[3], string.format('%.0f', chat), 'PX', math.ceil((chat - now) / 1000))
            redis.call('SET', KEYS[4], string.format('%.0f', bot), 'PX', math.ceil((bot - now) / 1000))
            return 0
            """;

    private final UnifiedJedis redis;
    private final TelegramProperties.Pacing pacing;
    private final List<String> privateArgs;
    private final List<String> groupArgs;
    private final List<String> unpacedArgs;
    private volatile String sha;

    @Autowired
    SendPacer(UnifiedJedis redis, TelegramProperties properties, RedisKeys keys) {
        this.redis = redis;
        this.names = keys;
        this.global = keys.prefix() + "rate:tat:global";
        this.globalPause = pauseKey(0);
        this.pacing = properties.pacing();
        this.privateArgs = acquire(pacing.privateBurst(), pacing.privatePerSecond(), Duration.ofSeconds(1));
        this.groupArgs = acquire(pacing.groupBurst(), pacing.groupPerMinute(), Duration.ofMinutes(1));
        this.unpacedArgs = List.of("acquire", "0");
    }

    /** With the keys of one server or Sentinel ({@link RedisKeys#STANDALONE}): for tests. */
    SendPacer(UnifiedJedis redis, TelegramProperties properties) {
        this(redis, properties, RedisKeys.STANDALONE);
    }

    /**
     * Takes what a message to {@code chatId} needs, if it may go now: zero. Otherwise nothing is
     * taken and the answer is how long to wait (a pause after a 429, or an empty bucket).
     * One Redis command.
     */
    Duration tryAcquire(long chatId) {
        List<String> args = !pacing.enabled() ? unpacedArgs : chatId > 0 ? privateArgs : groupArgs;
        List<String> keys = pacing.enabled()
                ? List.of(pauseKey(chatId), globalPause, chatKey(chatId), global)
                : List.of(pauseKey(chatId), globalPause);
        long micros = (Long) run(keys, args);
        return micros <= 0 ? Duration.ZERO : Duration.ofNanos(micros * 1000);
    }

    /** Honours a 429: nothing goes to {@code chatId} (0: to anyone) for {@code wait}. */
    void pause(long chatId, Duration wait) {
        run(List.of(pauseKey(chatId)), List.of("pause", Long.toString(Math.max(1, wait.toMillis()))));
    }

    private Object run(List<String> keys, List<String> args) {
        String loaded = sha;
        if (loaded == null) {
            loaded = load();
        }
        try {
            return redis.evalsha(loaded, keys, args);
        } catch (JedisNoScriptException e) {
            // Redis restarted, failed over or flushed its scripts: load it again, once
            return redis.evalsha(load(), keys, args);
        }
    }

    private String load() {
        // with a key of the script's: under Redis Cluster to the primary that runs it, not to every one
        String loaded = redis.scriptLoad(SCRIPT, global);
        sha = loaded;
        return loaded;
    }

    /** ARGV of an acquire for a chat whose bucket gives {@code tokens} per {@code period}, at most {@code burst} at once. */
    private List<String> acquire(int burst, int tokens, Duration period) {
        return List.of("acquire", "1", interval(tokens, period), Integer.toString(Math.max(1, burst)),
                interval(pacing.globalPerSecond(), Duration.ofSeconds(1)), Integer.toString(Math.max(1, pacing.globalBurst())),
                Long.toString(CHAT_MARGIN_MICROS), Long.toString(MIN_GLOBAL_WAIT_MICROS));
    }

    /** µs per token, rounded up: never faster than the rate. */
    private static String interval(int tokens, Duration period) {
        long micros = period.toNanos() / 1000;
        int rate = Math.max(1, tokens);
        return Long.toString((micros + rate - 1) / rate);
    }

    private String chatKey(long chatId) {
        return names.prefix() + "rate:tat:" + chatId;
    }

    private String pauseKey(long chatId) {
        return names.prefix() + "rate:pause:" + chatId;
    }
}
