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
 */
@Component
class SendPacer {

    private static final String GLOBAL = "muster:rate:global";

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

    /** Blocks until a message to {@code chatId} may go out. */
    void acquire(long chatId) throws InterruptedException {
        waitOutPause(pauseKey(chatId));
        waitOutPause(pauseKey(0));
        if (!pacing.enabled()) {
            return;
        }
        take(chatKey(chatId), chatId > 0 ? privateLimit : groupLimit);
        take(GLOBAL, globalLimit);
    }

    /** Honours a 429: nothing goes to {@code chatId} (0: to anyone) for {@code wait}. */
    void pause(long chatId, Duration wait) {
        redis.set(pauseKey(chatId), "1", SetParams.setParams().px(Math.max(1, wait.toMillis())));
    }

    private void take(String key, Supplier<BucketConfiguration> limit) throws InterruptedException {
        var bucket = buckets.builder().build(key.getBytes(StandardCharsets.UTF_8), limit);
        while (true) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return;
            }
            Thread.sleep(Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000));
        }
    }

    private void waitOutPause(String key) throws InterruptedException {
        long millis;
        while ((millis = redis.pttl(key)) > 0) {
            Thread.sleep(millis);
        }
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
