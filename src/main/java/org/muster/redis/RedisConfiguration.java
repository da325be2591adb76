package org.muster.redis;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean(destroyMethod = "close")
    JedisPooled redis(RedisProperties properties) {
        if (properties.url() == null || properties.url().toString().isBlank()) {
            throw new IllegalStateException("muster.redis.url is not set");
        }
        var uri = properties.url();
        int timeout = (int) properties.timeout().toMillis();
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .clientName("muster")
                .build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(properties.maxConnections());
        pool.setMaxIdle(properties.maxConnections());
        pool.setJmxEnabled(false);
        // a connection broken in use is thrown away by Jedis itself; idle ones that died with a Redis
        // restart are found by a PING every 30 s instead of by the next update
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(30));
        return new JedisPooled(JedisURIHelper.getHostAndPort(uri), config, pool);
    }
}
