package org.muster.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * Real {@code redis-server} processes for failover tests: a Redis Cluster of three primaries with a
 * replica each, or a primary and a replica watched by three sentinels, each on a free port of
 * 127.0.0.1 with its data in a temporary folder. Built with plain Redis commands (no {@code redis-cli}):
 * {@code CLUSTER MEET}, {@code ADDSLOTS}, {@code REPLICATE}. {@link #close()} kills every process it started.
 *
 * <p>The binary is this machine's {@code /usr/bin/redis-server} or, where there is none, the one the
 * embedded-redis library carries in its jar; with neither the test is skipped, loudly, unless {@code CI}
 * or {@code MUSTER_REQUIRE_REDIS_CLUSTER} is set: then it fails.
 */
public final class RedisProcesses implements AutoCloseable {

    public static final String SENTINEL_MASTER = "mymaster";

    private final Path binary;
    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();

    /** One redis-server process. */
    public static final class Node {
        public final int port;
        final Process process;
        String id;

        Node(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        public HostAndPort address() {
            return new HostAndPort("127.0.0.1", port);
        }

        public Jedis connect() {
            return new Jedis(address());
        }

        /** SIGKILL: gone as in a crash, with no chance to tell anyone. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public String toString() {
            return "redis-server:" + port;
        }
    }

    private RedisProcesses(Path binary) {
        this.binary = binary;
        try {
            this.dir = Files.createTempDirectory("muster-redis-failover");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The binary to run, or the test skipped (failed under CI or MUSTER_REQUIRE_REDIS_CLUSTER). */
    public static RedisProcesses orSkip() {
        Path system = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(system)) {
            return new RedisProcesses(system);
        }
        String why;
        try {
            File bundled = ExecutableProvider.newJarResourceProvider().get();
            if (bundled.canExecute() || bundled.setExecutable(true)) {
                System.out.println("[redis failover] /usr/bin/redis-server is missing: using embedded-redis' " + bundled);
                return new RedisProcesses(bundled.toPath());
            }
            why = "embedded-redis' binary " + bundled + " cannot be made executable";
        } catch (IOException | RuntimeException e) {
            why = "embedded-redis has no redis-server for this machine (" + e + ")";
        }
        String message = "SKIPPED: the Redis failover test needs redis-server: /usr/bin/redis-server is missing and " + why
                + " (apt-get install redis-server)";
        System.out.println("[redis failover] " + message);
        if (System.getenv("CI") != null || System.getenv("MUSTER_REQUIRE_REDIS_CLUSTER") != null) {
            fail(message + "; CI or MUSTER_REQUIRE_REDIS_CLUSTER is set, where it must run");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that is free, and so is the cluster bus port 10000 above it. */
    private static int freeClusterPort() {
        for (int tries = 0; tries < 200; tries++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 30_000);
            try (ServerSocket a = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"));
                 ServerSocket b = new ServerSocket(port + 10_000, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // another
            }
        }
        throw new IllegalStateException("no free port pair for a cluster node");
    }

    private Node start(String name, List<String> arguments) {
        int port = name.equals("cluster") ? freeClusterPort() : freePort();
        Path home = dir.resolve(name + "-" + port);
        try {
            Files.createDirectories(home);
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(arguments.stream().map(a -> a.replace("@PORT@", Integer.toString(port)).replace("@DIR@", home.toString())).toList());
            if (arguments.isEmpty() || !arguments.get(0).endsWith(".conf")) {
                command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", home.toString(),
                        "--save", "", "--appendonly", "no", "--protected-mode", "no"));
            }
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("log.txt").toFile()).start();
            Node node = new Node(port, process);
            nodes.add(node);
            awaitTrue("redis-server on " + port + " answers (log: " + home.resolve("log.txt") + ")", Duration.ofSeconds(10), () -> {
                try (Jedis jedis = node.connect()) {
                    return "PONG".equals(jedis.ping());
                } catch (RuntimeException e) {
                    return false;
                }
            });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code primaries} nodes are primaries with a third of the slots each; each later one replicates one. */
    public List<Node> cluster(int primaries, Duration nodeTimeout) {
        List<Node> cluster = new ArrayList<>();
        for (int i = 0; i < primaries * 2; i++) {
            cluster.add(start("cluster", List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                    // a replica takes over however long it was cut off: the test kills at once after writing
                    "--cluster-replica-validity-factor", "0")));
        }
        for (Node node : cluster) {
            try (Jedis jedis = node.connect()) {
                node.id = jedis.clusterMyId();
            }
        }
        try (Jedis first = cluster.get(0).connect()) {
            for (Node other : cluster.subList(1, cluster.size())) {
                first.clusterMeet("127.0.0.1", other.port);
            }
        }
        awaitTrue("every cluster node knows the other " + (cluster.size() - 1), Duration.ofSeconds(20), () -> cluster.stream().allMatch(node -> {
            try (Jedis jedis = node.connect()) {
                return jedis.clusterNodes().lines().filter(line -> !line.contains("handshake") && !line.isBlank()).count() == cluster.size();
            }
        }));
        int per = 16384 / primaries;
        for (int i = 0; i < primaries; i++) {
            int from = i * per;
            int to = i == primaries - 1 ? 16384 : from + per;
            try (Jedis jedis = cluster.get(i).connect()) {
                jedis.clusterAddSlots(IntStream.range(from, to).toArray());
            }
        }
        for (int i = 0; i < primaries; i++) {
            Node replica = cluster.get(primaries + i);
            String primaryId = cluster.get(i).id;
            awaitTrue("replica " + replica + " sees its primary's slots", Duration.ofSeconds(20), () -> {
                try (Jedis jedis = replica.connect()) {
                    return jedis.clusterNodes().lines().anyMatch(line -> line.startsWith(primaryId) && line.contains("master")
                            && line.matches(".* \\d+(-\\d+)?$"));
                }
            });
            try (Jedis jedis = replica.connect()) {
                jedis.clusterReplicate(primaryId);
            }
        }
        awaitTrue("the cluster is ok on every node and each replica in sync", Duration.ofSeconds(30), () -> cluster.stream().allMatch(node -> {
            try (Jedis jedis = node.connect()) {
                boolean ok = jedis.clusterInfo().contains("cluster_state:ok");
                String replication = jedis.info("replication");
                return ok && (replication.contains("role:master") ? replication.contains("connected_slaves:1")
                        : replication.contains("master_link_status:up"));
            }
        }));
        return cluster;
    }

    /** The primary that serves {@code slot} now, asked of a node that is alive. */
    public static Node primaryOf(List<Node> cluster, int slot) {
        for (Node asked : cluster) {
            if (!asked.alive()) {
                continue;
            }
            try (Jedis jedis = asked.connect()) {
                for (Object range : jedis.clusterSlots()) {
                    List<?> entry = (List<?>) range;
                    long from = (Long) entry.get(0);
                    long to = (Long) entry.get(1);
                    if (slot >= from && slot <= to) {
                        long port = (Long) ((List<?>) entry.get(2)).get(1);
                        return cluster.stream().filter(n -> n.port == port).findFirst().orElseThrow();
                    }
                }
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** A primary, its replica and three sentinels (quorum 2), which fail it over a second after it stops answering. */
    public Sentinels sentinels() {
        Node primary = start("primary", List.of());
        Node replica = start("replica", List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port)));
        awaitTrue("the replica is in sync", Duration.ofSeconds(20), () -> {
            try (Jedis jedis = replica.connect()) {
                return jedis.info("replication").contains("master_link_status:up");
            }
        });
        List<Node> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                Path conf = Files.createTempFile(dir, "sentinel", ".conf");
                Files.writeString(conf, String.join("\n",
                        "port @PORT@", "bind 127.0.0.1", "dir @DIR@", "protected-mode no",
                        "sentinel monitor " + SENTINEL_MASTER + " 127.0.0.1 " + primary.port + " 2",
                        "sentinel down-after-milliseconds " + SENTINEL_MASTER + " 1000",
                        "sentinel failover-timeout " + SENTINEL_MASTER + " 5000",
                        "sentinel parallel-syncs " + SENTINEL_MASTER + " 1", ""));
                // the file is the sentinel's own (it writes what it learns into it): one per port
                sentinels.add(startSentinel(conf));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        awaitTrue("every sentinel knows the replica and the other two sentinels", Duration.ofSeconds(30), () -> sentinels.stream().allMatch(s -> {
            try (Jedis jedis = s.connect()) {
                return jedis.sentinelReplicas(SENTINEL_MASTER).size() == 1 && jedis.sentinelSentinels(SENTINEL_MASTER).size() == 2;
            }
        }));
        return new Sentinels(primary, replica, sentinels);
    }

    private Node startSentinel(Path template) throws IOException {
        int port = freePort();
        Path home = dir.resolve("sentinel-" + port);
        Files.createDirectories(home);
        Path conf = home.resolve("sentinel.conf");
        Files.writeString(conf, Files.readString(template).replace("@PORT@", Integer.toString(port)).replace("@DIR@", home.toString()));
        Process process = new ProcessBuilder(binary.toString(), conf.toString(), "--sentinel").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("log.txt").toFile()).start();
        Node node = new Node(port, process);
        nodes.add(node);
        awaitTrue("sentinel on " + port + " answers (log: " + home.resolve("log.txt") + ")", Duration.ofSeconds(10), () -> {
            try (Jedis jedis = node.connect()) {
                return "PONG".equals(jedis.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
        return node;
    }

    public record Sentinels(Node primary, Node replica, List<Node> sentinels) {
        /** {@code redis-sentinel://127.0.0.1:a,127.0.0.1:b,127.0.0.1:c/mymaster} */
        public String url() {
            return "redis-sentinel://" + String.join(",", sentinels.stream().map(s -> "127.0.0.1:" + s.port).toList()) + "/" + SENTINEL_MASTER;
        }
    }

    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean met;
            try {
                met = condition.getAsBoolean();
            } catch (RuntimeException e) {
                met = false;
            }
            if (met) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    /** Kills every process started (SIGKILL) and removes their folder. */
    @Override
    public void close() {
        for (Node node : nodes) {
            node.kill();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
