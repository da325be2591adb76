package org.muster.e2e;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.redis.RedisKeys;
import org.muster.support.RedisProcesses;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Muster on a Redis Cluster of three primaries with a replica each ({@code muster.redis.cluster-nodes}):
 * the primary of Muster's one slot is killed, its replica takes over, and the flows go on
 * ({@link RedisFailoverScenario}).
 */
class RedisClusterFailoverEndToEndTest {

    private static RedisProcesses processes;
    private static List<RedisProcesses.Node> cluster;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        processes = RedisProcesses.orSkip();
        try {
            cluster = processes.cluster(3, Duration.ofMillis(1000));
            // two of the six are enough for Jedis to find the rest
            String nodes = cluster.subList(0, 2).stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(","));
            app = RedisFailoverScenario.start("redis_cluster_failover", "--muster.redis.cluster-nodes=" + nodes);
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
    void whenThePrimaryOfMustersSlotIsKilledItsReplicaTakesOverAndTheFlowsGoOn() throws Exception {
        int slot = JedisClusterCRC16.getSlot(RedisKeys.CLUSTER.prefix() + "anything");
        RedisFailoverScenario.run("Redis Cluster (3 primaries, 3 replicas, cluster-node-timeout 1000 ms)", app,
                new RedisFailoverScenario.Deployment() {
                    @Override
                    public RedisProcesses.Node primary() {
                        return RedisProcesses.primaryOf(cluster, slot);
                    }

                    @Override
                    public String mode() {
                        return "cluster";
                    }

                    @Override
                    public String prefix() {
                        return RedisKeys.CLUSTER.prefix();
                    }
                });
    }
}
