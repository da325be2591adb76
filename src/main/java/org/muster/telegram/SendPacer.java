package org.muster.telegram;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Keeps Muster under Telegram's limits with token buckets in Redis, so that every instance draws
 * from the same budget: one per chat (private or group rates) and one for the whole bot. After a
 * 429 the chat is paused for {@code retry_after}, again in Redis, so the other instances wait too.
 * It never waits itself: it says how long the caller has to, and the queue serves other chats meanwhile.
 */
@Component
class SendPacer {

    private static final String GLOBAL = "muster:rate:global";
    /**
     * Telegram's bucket for a chat starts when the first message arrives, a little after Muster's
     * started: a message sent the instant Muster's bucket holds a token again can still be a moment
     * early there. A chat that had to wait waits this much longer.
     */
    private static final long CHAT_MARGIN_NANOS = Duration.ofMillis(100).toNanos();

    private final UnifiedJedis redis;
    private final TelegramProperties.Pacing pacing;
    private final ProxyManager<byte[]> buckets;
    private final Supplier<BucketConfiguration> globalLimit;
    private final Supplier<BucketConfiguration> privateLimit;
    private final Supplier<BucketConfiguration> groupLimit;

    SendPacer(UnifiedJedis redis, TelegramProperties properties) {
        this.redis = redis;
        this.pacing = properties.pacing();
        this.buckets = Bucket4jJedis.casBasedBuilder(redis)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.globalLimit = limit(pacing.globalBurst(), pacing.globalPerSecond(), Duration.ofSeconds(1));
        this.privateLimit = limit(pacing.privateBurst(), pacing.privatePerSecond(), Duration.ofSeconds(1));
        this.groupLimit = limit(pacing.groupBurst(), pacing.groupPerMinute(), Duration.ofMinutes(1));
    }

    /**
     * Takes what a message to {@code chatId} needs, if it may go now: zero. Otherwise nothing is
     * taken and the answer is how long to wait (a pause after a 429, or an empty bucket).
     */
    Duration tryAcquire(long chatId) {
        long paused = Math.max(redis.pttl(pauseKey(chatId)), redis.pttl(pauseKey(0)));
        if (paused > 0) {
            return Duration.ofMillis(paused);
        }
        if (!pacing.enabled()) {
            return Duration.ZERO;
        }
        var chat = bucket(chatKey(chatId), chatId > 0 ? privateLimit : groupLimit);
        var ability = chat.estimateAbilityToConsume(1);
        if (!ability.canBeConsumed()) {
            return Duration.ofNanos(ability.getNanosToWaitForRefill() + CHAT_MARGIN_NANOS);
        }
        ConsumptionProbe global = bucket(GLOBAL, globalLimit).tryConsumeAndReturnRemaining(1);
        if (!global.isConsumed()) {
            return Duration.ofNanos(Math.max(1_000_000, global.getNanosToWaitForRefill()));
        }
        ConsumptionProbe own = chat.tryConsumeAndReturnRemaining(1);
        // another instance took the chat's last token in between: the global one is spent, the wait is short
        return own.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1_000_000, own.getNanosToWaitForRefill()));
    }

    /** Honours a 429: nothing goes to {@code chatId} (0: to anyone) for {@code wait}. */
    void pause(long chatId, Duration wait) {
        redis.set(pauseKey(chatId), "1", SetParams.setParams().px(Math.max(1, wait.toMillis())));
    }

    private io.github.bucket4j.distributed.BucketProxy bucket(String key, Supplier<BucketConfiguration> limit) {
        return buckets.builder().build(key.getBytes(StandardCharsets.UTF_8), limit);
    }

    private static Supplier<BucketConfiguration> limit(int capacity, int tokens, Duration period) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, capacity)).refillGreedy(Math.max(1, tokens), period))
                .build();
        return () -> configuration;
    }

    private static String chatKey(long chatId) {
        return "muster:rate:chat:" + chatId;
    }

    private static String pauseKey(long chatId) {
        return "muster:rate:pause:" + chatId;
    }
}
