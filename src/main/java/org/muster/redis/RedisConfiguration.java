package org.muster.redis;

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * One {@link UnifiedJedis} for all of Muster, of the kind {@code muster.redis.*} names
 * ({@link RedisEndpoint}): {@code JedisPooled}, {@code JedisSentineled} or {@code JedisCluster}. The code
 * using it does not know which; what differs for it is only how keys are named ({@link RedisKeys}).
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

    @Bean
    RedisEndpoint redisEndpoint(RedisProperties properties) {
        return RedisEndpoint.of(properties);
    }

    @Bean
    RedisKeys redisKeys(RedisEndpoint endpoint) {
        return endpoint.keys();
    }

    @Bean(destroyMethod = "close")
    UnifiedJedis redis(RedisEndpoint endpoint, RedisProperties properties) {
        int timeout = (int) properties.timeout().toMillis();
        GenericObjectPoolConfig<Connection> pool = pool(properties);
        log.info("Using {}", RedisEndpoint.describe(endpoint));
        if (endpoint instanceof RedisEndpoint.Sentinel sentinel) {
            JedisClientConfig primary = DefaultJedisClientConfig.builder()
                    .user(sentinel.user())
                    .password(sentinel.password())
                    .database(sentinel.database())
                    .connectionTimeoutMillis(timeout)
                    .socketTimeoutMillis(timeout)
                    .clientName("muster")
                    .build();
            JedisClientConfig sentinels = DefaultJedisClientConfig.builder()
                    .user(sentinel.sentinelUser())
                    .password(sentinel.sentinelPassword())
                    .connectionTimeoutMillis(timeout)
                    .socketTimeoutMillis(timeout)
                    .clientName("muster-sentinel")
                    .build();
            // asks the sentinels where the primary is, and listens to them for +switch-master: after a
            // failover the pool is pointed at the new primary by Jedis itself
            return new JedisSentineled(sentinel.masterName(), primary, pool, sentinel.sentinels(), sentinels);
        }
        if (endpoint instanceof RedisEndpoint.Cluster cluster) {
            JedisClientConfig nodes = DefaultJedisClientConfig.builder()
                    .user(cluster.user())
                    .password(cluster.password())
                    .connectionTimeoutMillis(timeout)
                    .socketTimeoutMillis(timeout)
                    .clientName("muster")
                    .build();
            // a command that meets a dead primary or a MOVED is tried again (the slot map read anew) up to
            // max-attempts times, within the timeout in all: long enough to ride out a failover of a cluster
            // with a short cluster-node-timeout, short enough that an update is given back rather than
            // held while the cluster is down
            return new JedisCluster(cluster.nodes(), nodes, Math.max(1, properties.maxAttempts()),
                    properties.timeout(), pool);
        }
        var uri = ((RedisEndpoint.Standalone) endpoint).uri();
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .clientName("muster")
                .build();
        HostAndPort server = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        return new JedisPooled(server, config, pool);
    }

    /** The same pool settings for the one server, the Sentinel-named primary and each cluster node. */
    private static GenericObjectPoolConfig<Connection> pool(RedisProperties properties) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(properties.maxConnections());
        pool.setMaxIdle(properties.maxConnections());
        pool.setJmxEnabled(false);
        // a connection broken in use is thrown away by Jedis itself; idle ones that died with a Redis
        // restart are found by a PING every 30 s instead of by the next update
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        return pool;
    }
}
