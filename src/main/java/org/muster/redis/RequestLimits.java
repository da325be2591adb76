package org.muster.redis;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How often one client may ask for a public page (a certificate's check): a fixed window of one
 * minute per client, counted in Redis so that every instance behind the load balancer counts the
 * same requests (a count per instance would let a client ask as many times more as there are
 * instances). While Redis is out of reach, each instance counts on its own, and says so once.
 *
 * <p>The key ({@code limit:<what>:<minute>:<client>}) lives two minutes; a client's address is kept
 * nowhere else and never logged.
 */
@Component
public class RequestLimits {

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);

    /** KEYS[1]: the window's counter; ARGV[1]: its lifetime in seconds. The count so far. */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Clock wallClock;
    private final Map<String, AtomicInteger> local = new ConcurrentHashMap<>();
    private volatile long localMinute;
    private volatile boolean outage;

    @Autowired
    RequestLimits(UnifiedJedis redis, RedisKeys keys) {
        // windows of wall time, not the business clock: a limit is about how fast requests come
        this(redis, keys, Clock.systemUTC());
    }

    RequestLimits(UnifiedJedis redis, RedisKeys keys, Clock wallClock) {
        this.redis = redis;
        this.keys = keys;
        this.wallClock = wallClock;
    }

    /** Whether {@code client} may make one more request of kind {@code what} this minute, counting it. */
    public boolean allow(String what, String client, int perMinute) {
        long minute = wallClock.millis() / 60_000;
        String key = keys.prefix() + "limit:" + what + ":" + minute + ":" + client;
        long count;
        try {
            count = ((Number) redis.eval(COUNT, List.of(key), List.of("120"))).longValue();
            if (outage) {
                outage = false;
                log.info("Redis answers again: request limits are shared by all instances again");
            }
        } catch (JedisException e) {
            if (!outage) {
                outage = true;
                log.warn("Redis out of reach ({}): request limits are counted by each instance on its own until it answers",
                        e.getClass().getSimpleName());
            }
            count = countHere(what + ":" + client, minute);
        }
        if (count == perMinute + 1L) {
            // once per client and window: a scan shows as one line a minute, not one per request
            log.info("a client asked for more than {} '{}' requests in a minute; refused until the minute is over", perMinute, what);
        }
        return count <= perMinute;
    }

    private long countHere(String client, long minute) {
        if (minute != localMinute) {
            localMinute = minute;
            local.clear();
        }
        return local.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
    }
}
