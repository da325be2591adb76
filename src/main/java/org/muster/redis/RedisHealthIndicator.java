package org.muster.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Shown as {@code redis} in {@code /actuator/health}. The PING goes where Muster's keys are: a plain
 * {@code ping()} on a {@code JedisCluster} is sent to every primary and fails while any one of them is
 * down, even one that holds none of Muster's keys; sent with a key of Muster's, it goes to the primary
 * of their slot alone (on one server or a Sentinel-named primary the key changes nothing).
 *
 * <p>A failed PING is DOWN with its reason, logged once when Redis goes away and once when it is
 * back: probes and scrapes ask every few seconds, and a stack trace each time would bury the log.
 */
@Component
class RedisHealthIndicator extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RedisHealthIndicator.class);

    private final UnifiedJedis redis;
    private final String sampleKey;
    private final String mode;
    private volatile boolean down;

    RedisHealthIndicator(UnifiedJedis redis, RedisKeys keys, RedisEndpoint endpoint) {
        super("Redis is not reachable");
        this.redis = redis;
        this.sampleKey = keys.prefix() + "health";
        this.mode = endpoint instanceof RedisEndpoint.Cluster ? "cluster" : endpoint instanceof RedisEndpoint.Sentinel ? "sentinel" : "standalone";
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("mode", mode);
        try {
            Object pong = redis.sendCommand(sampleKey, Protocol.Command.PING);
            if (down) {
                down = false;
                log.info("Redis answers the health check again");
            }
            builder.up().withDetail("ping", pong instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(pong));
        } catch (JedisException e) {
            if (!down) {
                down = true;
                log.warn("Redis does not answer the health check ({}: {}); readiness is DOWN until it does",
                        e.getClass().getSimpleName(), e.getMessage());
            }
            builder.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
