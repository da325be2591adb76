package org.muster.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Shown as {@code redis} in {@code /actuator/health}. A failed PING is DOWN with its reason, logged
 * once when Redis goes away and once when it is back: probes and scrapes ask every few seconds, and a
 * stack trace each time would bury the log.
 */
@Component
class RedisHealthIndicator extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RedisHealthIndicator.class);

    private final JedisPooled redis;
    private volatile boolean down;

    RedisHealthIndicator(JedisPooled redis) {
        super("Redis is not reachable");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try {
            String pong = redis.ping();
            if (down) {
                down = false;
                log.info("Redis answers the health check again");
            }
            builder.up().withDetail("ping", pong);
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
