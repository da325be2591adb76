package org.muster.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Shown as {@code redis} in {@code /actuator/health}. The PING goes where Muster's keys are: a plain
 * {@code ping()} on a {@code JedisCluster} is sent to every primary and fails while any one of them is
 * down, even one that holds none of Muster's keys; sent with a key of Muster's, it goes to the primary
 * of their slot alone (on one server or a Sentinel-named primary the key changes nothing).
 */
@Component
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final UnifiedJedis redis;
    private final String sampleKey;
    private final String mode;

    RedisHealthIndicator(UnifiedJedis redis, RedisKeys keys, RedisEndpoint endpoint) {
        super("Redis is not reachable");
        this.redis = redis;
        this.sampleKey = keys.prefix() + "health";
        this.mode = endpoint instanceof RedisEndpoint.Cluster ? "cluster" : endpoint instanceof RedisEndpoint.Sentinel ? "sentinel" : "standalone";
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Object pong = redis.sendCommand(sampleKey, Protocol.Command.PING);
        builder.up().withDetail("ping", pong instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(pong))
                .withDetail("mode", mode);
    }
}
