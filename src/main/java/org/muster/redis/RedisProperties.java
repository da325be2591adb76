package org.muster.redis;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Muster's Redis is: one of {@code url} (a single server, or a Sentinel-watched primary) and
 * {@code clusterNodes} (a Redis Cluster). See {@link RedisEndpoint} for the URL forms.
 *
 * @param url {@code redis://[user:password@]host:port[/database]} ({@code rediss://} for TLS), or
 *            {@code redis-sentinel://[user:password@]host:port[,host:port…]/<master name>[/<database>]};
 *            empty (with no cluster nodes) starts the embedded server
 * @param clusterNodes Redis Cluster: some of its nodes as {@code host:port} (one that answers is enough
 *            to find the rest); {@code url} must then be empty
 * @param clusterUser ACL user for the cluster's nodes (empty: the default user)
 * @param clusterPassword password for the cluster's nodes (empty: none)
 * @param timeout socket and connect timeout; also how long a cluster command may keep retrying
 * @param maxConnections pool size (per node in a cluster)
 * @param maxAttempts tries of one command on a cluster, across redirections and a failover
 */
@ConfigurationProperties("muster.redis")
record RedisProperties(String url, List<String> clusterNodes, String clusterUser, String clusterPassword,
                       @DefaultValue("5s") Duration timeout, @DefaultValue("32") int maxConnections,
                       @DefaultValue("5") int maxAttempts) {

    RedisProperties {
        clusterNodes = clusterNodes == null ? List.of() : clusterNodes.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
