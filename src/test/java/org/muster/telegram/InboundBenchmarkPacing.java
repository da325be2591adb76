package org.muster.telegram;

import java.time.Duration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import redis.clients.jedis.UnifiedJedis;

/**
 * For the inbound benchmark's echo baseline ({@code org.muster.bench.InboundBenchmarkTest}): the same
 * sender, queues and Bot API client, with a pacer that lets every message go at once without asking
 * Redis (the application's pacer reads the pause keys even with pacing off), so the baseline touches
 * neither Redis nor PostgreSQL.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InboundBenchmarkPacing {

    @Bean
    @Primary
    SendPacer unpacedSends(UnifiedJedis redis, TelegramProperties properties) {
        return new SendPacer(redis, properties) {
            @Override
            Duration tryAcquire(long chatId) {
                return Duration.ZERO;
            }

            @Override
            void pause(long chatId, Duration wait) {
                // the fake Bot API never answers 429
            }
        };
    }
}
