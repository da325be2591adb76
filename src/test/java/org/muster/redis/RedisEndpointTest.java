package org.muster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import redis.clients.jedis.HostAndPort;

/** How {@code muster.redis.*} is read, and that what cannot be read stops the start with the property's name. */
class RedisEndpointTest {

    private static RedisEndpoint of(String url, String... clusterNodes) {
        return RedisEndpoint.of(new RedisProperties(url, List.of(clusterNodes), null, null, Duration.ofSeconds(5), 32, 5));
    }

    @Test
    void aRedisUrlIsOneServerWithTodaysKeyNames() {
        RedisEndpoint endpoint = of("redis://:secret@10.0.0.5:6380/2");
        assertThat(endpoint).isInstanceOf(RedisEndpoint.Standalone.class);
        assertThat(((RedisEndpoint.Standalone) endpoint).uri().getPort()).isEqualTo(6380);
        assertThat(endpoint.keys()).isSameAs(RedisKeys.STANDALONE);
        assertThat(endpoint.keys().prefix()).isEqualTo("muster:");
        assertThat(of("rediss://redis.example:6379")).isInstanceOf(RedisEndpoint.Standalone.class);
    }

    @Test
    void aSentinelUrlNamesTheSentinelsTheMasterAndTheDatabase() {
        RedisEndpoint.Sentinel sentinel = (RedisEndpoint.Sentinel) of(
                "redis-sentinel://muster:p%40ss%2Cw0rd@s1.example:26379,s2.example:26380,s3.example/mymaster/3");
        assertThat(sentinel.sentinels()).containsExactly(new HostAndPort("s1.example", 26379), new HostAndPort("s2.example", 26380),
                new HostAndPort("s3.example", 26379));
        assertThat(sentinel.masterName()).isEqualTo("mymaster");
        assertThat(sentinel.database()).isEqualTo(3);
        assertThat(sentinel.user()).isEqualTo("muster");
        assertThat(sentinel.password()).isEqualTo("p@ss,w0rd");
        assertThat(sentinel.sentinelPassword()).as("the sentinels are asked without one unless told").isNull();
        assertThat(sentinel.keys()).as("a rolling upgrade keeps the running deployment's keys").isSameAs(RedisKeys.STANDALONE);
        assertThat(sentinel.toString()).doesNotContain("p@ss");
    }

    @Test
    void aSentinelUrlMayGiveTheSentinelsAPasswordOfTheirOwn() {
        RedisEndpoint.Sentinel sentinel = (RedisEndpoint.Sentinel) of(
                "redis-sentinel://secret@127.0.0.1:26379/mymaster?sentinel-user=watch&sentinel-password=s%26ntinel");
        assertThat(sentinel.user()).isNull();
        assertThat(sentinel.password()).as("redis://secret@host names a password; so does this").isEqualTo("secret");
        assertThat(sentinel.database()).isZero();
        assertThat(sentinel.sentinelUser()).isEqualTo("watch");
        assertThat(sentinel.sentinelPassword()).isEqualTo("s&ntinel");
    }

    @Test
    void clusterNodesAreACluster_whoseKeysShareOneHashTag() {
        RedisEndpoint.Cluster cluster = (RedisEndpoint.Cluster) of("", "10.0.0.1:7000", " 10.0.0.2:7001 ", "");
        assertThat(cluster.nodes()).containsExactly(new HostAndPort("10.0.0.1", 7000), new HostAndPort("10.0.0.2", 7001));
        assertThat(cluster.keys()).isSameAs(RedisKeys.CLUSTER);
        assertThat(cluster.keys().prefix()).isEqualTo("{muster}:");
        assertThat(of(null, "[::1]:7000")).isInstanceOf(RedisEndpoint.Cluster.class);
    }

    @Test
    void theClusterNodesMayComeFromOneEnvironmentVariable_commaSeparated() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("MUSTER_REDIS_CLUSTER_NODES", "10.0.0.1:7000,10.0.0.2:7001", "MUSTER_REDIS_CLUSTER_PASSWORD", "pw")));
        RedisProperties properties = Binder.get(env).bind("muster.redis", RedisProperties.class).get();

        RedisEndpoint.Cluster cluster = (RedisEndpoint.Cluster) RedisEndpoint.of(properties);
        assertThat(cluster.nodes()).containsExactly(new HostAndPort("10.0.0.1", 7000), new HostAndPort("10.0.0.2", 7001));
        assertThat(cluster.password()).isEqualTo("pw");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.maxAttempts()).isEqualTo(5);
    }

    @Test
    void bothAUrlAndClusterNodesStopTheStart() {
        assertThatThrownBy(() -> of("redis://127.0.0.1:6379", "127.0.0.1:7000"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("muster.redis.url and muster.redis.cluster-nodes are both set");
    }

    @Test
    void aMalformedSentinelUrlStopsTheStartNamingTheProperty_butNotThePassword() {
        for (String url : List.of("redis-sentinel://", "redis-sentinel://:hunter2@/mymaster", "redis-sentinel://127.0.0.1:26379",
                "redis-sentinel://127.0.0.1:26379/", "redis-sentinel://:hunter2@127.0.0.1:notaport/mymaster",
                "redis-sentinel://127.0.0.1:26379,/mymaster", "redis-sentinel://127.0.0.1:26379/mymaster/x",
                "redis-sentinel://127.0.0.1:26379/mymaster/1/2", "redis-sentinel://127.0.0.1:26379/mymaster?password=x",
                "redis-sentinel://127.0.0.1:99999/mymaster")) {
            assertThatThrownBy(() -> of(url)).as(url)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("muster.redis.url")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void otherMistakesNameTheirPropertyToo() {
        assertThatThrownBy(() -> of("", "127.0.0.1")).hasMessageStartingWith("muster.redis.cluster-nodes").hasMessageContaining("host:port");
        assertThatThrownBy(() -> of("", "127.0.0.1:0")).hasMessageStartingWith("muster.redis.cluster-nodes");
        assertThatThrownBy(() -> of("http://127.0.0.1:6379")).hasMessageStartingWith("muster.redis.url must begin with");
        assertThatThrownBy(() -> of("redis://")).hasMessageStartingWith("muster.redis.url");
        assertThatThrownBy(() -> of("")).hasMessageContaining("muster.redis.url is not set");
    }
}
