package org.muster.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.redis.RedisKeys;
import org.muster.support.RedisProcesses;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

/**
 * Muster on a primary and a replica watched by three sentinels ({@code redis-sentinel://…/mymaster}):
 * the primary is killed, the sentinels promote the replica, Jedis follows them, and the flows go on
 * ({@link RedisFailoverScenario}).
 */
class RedisSentinelFailoverEndToEndTest {

    private static RedisProcesses processes;
    private static RedisProcesses.Sentinels sentinels;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        processes = RedisProcesses.orSkip();
        try {
            sentinels = processes.sentinels();
            app = RedisFailoverScenario.start("redis_sentinel_failover", "--muster.redis.url=" + sentinels.url());
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (processes != null) {
                processes.close();
            }
        }
    }

    @Test
    void whenThePrimaryIsKilledTheSentinelsPromoteTheReplicaAndTheFlowsGoOn() throws Exception {
        RedisFailoverScenario.run("Redis Sentinel (primary, replica, 3 sentinels, quorum 2, down-after 1000 ms)", app,
                new RedisFailoverScenario.Deployment() {
                    @Override
                    public RedisProcesses.Node primary() {
                        if (sentinels.primary().alive()) {
                            return sentinels.primary();
                        }
                        // killed: the replica, once the sentinels have made it the primary
                        RedisFailoverScenario.awaitTrue("the replica is the primary", java.time.Duration.ofSeconds(30), () -> {
                            try (Jedis jedis = sentinels.replica().connect()) {
                                return jedis.info("replication").contains("role:master");
                            }
                        });
                        return sentinels.replica();
                    }

                    @Override
                    public String mode() {
                        return "sentinel";
                    }

                    @Override
                    public String prefix() {
                        return RedisKeys.STANDALONE.prefix();
                    }
                });
    }
}
