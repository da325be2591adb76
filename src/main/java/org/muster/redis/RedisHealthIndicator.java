package org.muster.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import redis.clients.jedis.JedisPooled;

/** Shown as {@code redis} in {@code /actuator/health}. */
@Component
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final JedisPooled redis;

    RedisHealthIndicator(JedisPooled redis) {
        super("Redis is not reachable");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String pong = redis.ping();
        builder.up().withDetail("ping", pong);
    }
}
