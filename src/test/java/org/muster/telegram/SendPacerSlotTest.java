package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.redis.RedisKeys;
import org.muster.support.RecordingRedis;

/**
 * The pacer's script takes the chat's token and the bot's together, so under Redis Cluster names the
 * chat's keys and the bot's share Muster's one slot; with today's names they would not.
 */
class SendPacerSlotTest {

    private static SendPacer pacer(RecordingRedis redis, RedisKeys keys) {
        TelegramProperties properties = new TelegramProperties("1:test", URI.create("http://127.0.0.1:1"), TelegramProperties.Mode.POLLING,
                null, null, "/telegram/webhook", new TelegramProperties.Polling(Duration.ofSeconds(1), 100, 1000),
                new TelegramProperties.Pacing(true, 30, 5, 1, 3, 20, 20),
                new TelegramProperties.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10), 1), 4);
        return new SendPacer(redis, properties, keys);
    }

    @Test
    void aSendsKeysAndAPausesKeysLieInMustersOneSlot() {
        try (RecordingRedis redis = new RecordingRedis(TestServers.redisUrl())) {
            SendPacer pacer = pacer(redis, RedisKeys.CLUSTER);
            pacer.tryAcquire(7_000_001L);
            pacer.tryAcquire(-100_7_000_001L);
            pacer.pause(7_000_001L, Duration.ofMillis(5));
            pacer.pause(0, Duration.ofMillis(5));

            int slot = RecordingRedis.slot("muster");
            assertThat(redis.scriptKeys).hasSize(4).anySatisfy(keys -> assertThat(keys).hasSize(4));
            for (List<String> keys : redis.scriptKeys) {
                assertThat(keys).allSatisfy(key -> assertThat(RecordingRedis.slot(key)).as(key).isEqualTo(slot));
            }
        }
    }

    @Test
    void todaysNamesWouldPutTheChatsAndTheBotsBucketsInDifferentSlots() {
        try (RecordingRedis redis = new RecordingRedis(TestServers.redisUrl())) {
            pacer(redis, RedisKeys.STANDALONE).tryAcquire(7_000_002L);
            assertThat(redis.scriptKeys.get(0).stream().map(RecordingRedis::slot).distinct().count()).isGreaterThan(1);
        }
    }
}
