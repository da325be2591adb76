package org.muster.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import redis.clients.jedis.HostAndPort;

/**
 * What {@code muster.redis.*} names, read once at start-up; anything it cannot read stops the start with
 * a message naming the property (never the password).
 *
 * <p>Three forms, each served by Jedis' own client for it, so failover is Jedis' and Redis', not Muster's:
 * <ul>
 * <li>{@code redis://[user:password@]host:port[/database]} ({@code rediss://}: TLS): one server,
 *     {@code JedisPooled}.</li>
 * <li>{@code redis-sentinel://[user:password@]host:port[,host:port…]/<master name>[/<database>]
 *     [?sentinel-user=…&sentinel-password=…]}: the sentinels (port 26379 when none is given) tell where
 *     the primary named {@code <master name>} is, and tell again when they fail it over;
 *     {@code JedisSentineled}. The user and password are the primary's (its {@code requirepass}); the
 *     sentinels are asked without one unless {@code sentinel-password} is given, because a sentinel's
 *     password is its own setting, often unset. Percent-encode {@code @ : / , ? & %} in a password.</li>
 * <li>{@code muster.redis.cluster-nodes} (with {@code url} empty): a Redis Cluster, {@code JedisCluster};
 *     its keys then carry a hash tag ({@link RedisKeys#CLUSTER}).</li>
 * </ul>
 */
sealed interface RedisEndpoint {

    String SENTINEL_FORM = "redis-sentinel://[user:password@]host:port[,host:port…]/<master name>[/<database>]";

    int DEFAULT_SENTINEL_PORT = 26379;

    /** Keys as named under this kind of deployment. */
    RedisKeys keys();

    record Standalone(URI uri) implements RedisEndpoint {
        @Override
        public RedisKeys keys() {
            return RedisKeys.STANDALONE;
        }
    }

    record Sentinel(String masterName, Set<HostAndPort> sentinels, String user, String password, int database,
                    String sentinelUser, String sentinelPassword) implements RedisEndpoint {
        @Override
        public RedisKeys keys() {
            return RedisKeys.STANDALONE;
        }

        @Override
        public String toString() {
            return "Sentinel[master=" + masterName + ", sentinels=" + sentinels + ", database=" + database + "]";
        }
    }

    record Cluster(Set<HostAndPort> nodes, String user, String password) implements RedisEndpoint {
        @Override
        public RedisKeys keys() {
            return RedisKeys.CLUSTER;
        }

        @Override
        public String toString() {
            return "Cluster" + nodes;
        }
    }

    static RedisEndpoint of(RedisProperties properties) {
        String url = properties.url() == null ? "" : properties.url().trim();
        List<String> nodes = properties.clusterNodes();
        if (!url.isEmpty() && !nodes.isEmpty()) {
            throw new IllegalStateException("muster.redis.url and muster.redis.cluster-nodes are both set: set only one "
                    + "(url for one Redis server or a Sentinel-watched primary, cluster-nodes for a Redis Cluster)");
        }
        if (!nodes.isEmpty()) {
            Set<HostAndPort> cluster = new LinkedHashSet<>();
            for (String node : nodes) {
                HostAndPort address = hostAndPort(node, -1);
                if (address == null) {
                    throw new IllegalStateException("muster.redis.cluster-nodes: '" + node + "' is not host:port");
                }
                cluster.add(address);
            }
            return new Cluster(cluster, blankToNull(properties.clusterUser()), blankToNull(properties.clusterPassword()));
        }
        if (url.isEmpty()) {
            throw new IllegalStateException("muster.redis.url is not set (nor muster.redis.cluster-nodes)");
        }
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(java.util.Locale.ROOT) : "";
        switch (scheme) {
            case "redis", "rediss" -> {
                try {
                    URI uri = URI.create(url);
                    if (uri.getHost() == null) {
                        throw new IllegalArgumentException("no host");
                    }
                    return new Standalone(uri);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("muster.redis.url is not of the form redis://[user:password@]host:port[/database]"
                            + " (" + ("no host".equals(e.getMessage()) ? "it names no host" : "it is not a valid URI") + ")");
                }
            }
            case "redis-sentinel" -> {
                return sentinel(url.substring("redis-sentinel://".length()));
            }
            default -> throw new IllegalStateException("muster.redis.url must begin with redis://, rediss:// or redis-sentinel://"
                    + " (for a Redis Cluster set muster.redis.cluster-nodes instead)");
        }
    }

    private static Sentinel sentinel(String rest) {
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = blankToNull(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? null : blankToNull(decode(userInfo.substring(colon + 1)));
            if (colon < 0) {
                // redis://secret@host names a password, not a user: the same here
                password = user;
                user = null;
            }
        }
        if (authority.isBlank()) {
            throw malformed("it names no sentinel host:port");
        }
        Set<HostAndPort> sentinels = new LinkedHashSet<>();
        for (String node : authority.split(",", -1)) {
            HostAndPort address = hostAndPort(node, DEFAULT_SENTINEL_PORT);
            if (address == null) {
                // the node itself is not repeated: a password typed without percent-encoding may be in it
                throw malformed("a sentinel is not host:port");
            }
            sentinels.add(address);
        }
        String[] parts = path.isEmpty() ? new String[0] : path.split("/", -1);
        if (parts.length == 0 || parts[0].isBlank()) {
            throw malformed("it names no master (the name the sentinels monitor, e.g. mymaster)");
        }
        if (parts.length > 2 || (parts.length == 2 && parts[1].isEmpty())) {
            throw malformed("after the master's name only a database number may follow");
        }
        int database = 0;
        if (parts.length == 2) {
            try {
                database = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0) {
                throw malformed("the database is not a number of 0 or more");
            }
        }
        String sentinelUser = null;
        String sentinelPassword = null;
        for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            if (name.equals("sentinel-password")) {
                sentinelPassword = blankToNull(value);
            } else if (name.equals("sentinel-user")) {
                sentinelUser = blankToNull(value);
            } else {
                throw malformed("it has an unknown parameter (only sentinel-user and sentinel-password are read)");
            }
        }
        return new Sentinel(decode(parts[0]), sentinels, user, password, database, sentinelUser, sentinelPassword);
    }

    /** {@code host:port} (IPv6 in brackets); with no port, {@code defaultPort} (none when it is -1). Null when it is neither. */
    private static HostAndPort hostAndPort(String text, int defaultPort) {
        String node = text.trim();
        String host = node;
        int port = defaultPort;
        int colon = node.lastIndexOf(':');
        if (colon >= 0 && !node.endsWith("]")) {
            host = node.substring(0, colon);
            try {
                port = Integer.parseInt(node.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank() || host.contains("/") || host.contains("@") || port < 1 || port > 65535) {
            return null;
        }
        return new HostAndPort(host, port);
    }

    private static IllegalStateException malformed(String why) {
        return new IllegalStateException("muster.redis.url is not a valid Sentinel URL: " + why + "; expected " + SENTINEL_FORM
                + "[?sentinel-user=…&sentinel-password=…]");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** For a log line: where, never who or with what password. */
    static String describe(RedisEndpoint endpoint) {
        if (endpoint instanceof Standalone standalone) {
            return "Redis at " + standalone.uri().getHost() + ":" + standalone.uri().getPort();
        }
        if (endpoint instanceof Sentinel sentinel) {
            return "Redis primary '" + sentinel.masterName() + "' watched by sentinels " + new ArrayList<>(sentinel.sentinels());
        }
        return "Redis Cluster through " + new ArrayList<>(((Cluster) endpoint).nodes());
    }
}
