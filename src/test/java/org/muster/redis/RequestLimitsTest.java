package org.muster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.jar.JarProcess;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Request limits against real Redis: two instances count one client's requests together, clients and
 * kinds are counted apart, the next minute starts afresh, and without Redis each instance still
 * limits on its own.
 */
class RequestLimitsTest {

    private static JedisPooled redis;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2031-05-06T07:08:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeAll
    static void connect() {
        redis = new JedisPooled(URI.create(TestServers.redisUrl()));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    /** A client no other test run has used: the counters of a minute outlive a test. */
    private static String client() {
        return "203.0.113." + UUID.randomUUID();
    }

    @Test
    void instancesCountOneClientTogetherAndTheNextMinuteStartsAfresh() {
        RequestLimits first = new RequestLimits(redis, RedisKeys.STANDALONE, clock);
        RequestLimits second = new RequestLimits(redis, RedisKeys.STANDALONE, clock);
        String client = client();
        String other = client();

        for (int i = 0; i < 2; i++) {
            assertThat(first.allow("verify", client, 5)).isTrue();
            assertThat(second.allow("verify", client, 5)).isTrue();
        }
        assertThat(first.allow("verify", client, 5)).as("the fifth").isTrue();
        // five allowed in the minute, whichever instance was asked: the sixth is refused, and the seventh
        assertThat(second.allow("verify", client, 5)).as("the sixth, on the other instance").isFalse();
        assertThat(first.allow("verify", client, 5)).as("the seventh").isFalse();
        assertThat(first.allow("verify", other, 5)).as("another client").isTrue();
        assertThat(first.allow("calendar", client, 5)).as("another kind of request").isTrue();

        now.set(now.get().plusSeconds(60));
        assertThat(second.allow("verify", client, 5)).as("the next minute").isTrue();
    }

    @Test
    void theCounterRunsOutAfterItsMinute() {
        RequestLimits limits = new RequestLimits(redis, RedisKeys.STANDALONE, clock);
        String client = client();
        limits.allow("verify", client, 5);
        String key = "muster:limit:verify:" + now.get().toEpochMilli() / 60_000 + ":" + client;
        assertThat(redis.ttl(key)).isBetween(60L, 120L);
    }

    @Test
    void withoutRedisEachInstanceStillLimits() {
        try (JedisPooled nowhere = new JedisPooled(new HostAndPort("127.0.0.1", JarProcess.freePort()),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(500).build())) {
            RequestLimits limits = new RequestLimits(nowhere, RedisKeys.STANDALONE, clock);
            String client = client();
            for (int i = 0; i < 4; i++) {
                assertThat(limits.allow("verify", client, 4)).isTrue();
            }
            assertThat(limits.allow("verify", client, 4)).isFalse();
            assertThat(limits.allow("verify", client(), 4)).as("another client").isTrue();
            now.set(now.get().plusSeconds(60));
            assertThat(limits.allow("verify", client, 4)).as("the next minute").isTrue();
        }
    }
}
