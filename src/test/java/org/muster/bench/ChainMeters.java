package org.muster.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.muster.support.StatementCounter;
import redis.clients.jedis.Jedis;

/**
 * Readings of the whole chain at one moment, for deltas over a phase: CPU of this JVM, of its
 * harness threads, of the Redis server and of the PostgreSQL server (the postmaster with its reaped
 * children, plus its live children: backends, autovacuum, writers), all from {@code /proc/<pid>/stat}
 * in clock ticks; Redis {@code INFO commandstats} and {@code used_memory}; {@code pg_stat_database}
 * summed over all databases; the statements the application sent through JDBC, by thread kind; the
 * machine's TCP segments; and what the fake Bot API received.
 */
final class ChainMeters implements AutoCloseable {

    static final long TICKS_PER_SECOND = ticksPerSecond();

    record Reading(long nanos, long jvmTicks, long harnessNanos, long redisTicks, long postgresTicks,
                   Map<String, Long> redisCalls, long redisUsedMemory, Map<String, Long> postgres,
                   Map<String, Long> jdbcStatements, Map<String, Long> jdbcCommits, long tcpSegments,
                   long sendMessages, long botApiCalls) {
    }

    private final Jedis redis;
    private final Connection database;
    private final long redisPid;
    private final long postmasterPid;
    private final FakeBotApi api;

    ChainMeters(String redisUrl, String jdbcUrl, String user, String password, FakeBotApi api) throws SQLException {
        this.api = api;
        this.redis = new Jedis(java.net.URI.create(redisUrl));
        this.redisPid = Long.parseLong(infoField(redis.info("server"), "process_id"));
        Properties login = new Properties();
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            login.setProperty("password", password);
        }
        this.database = DriverManager.getConnection(jdbcUrl, login);
        long backend;
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            backend = rows.getLong(1);
        }
        this.postmasterPid = stat(backend)[1];
    }

    long redisPid() {
        return redisPid;
    }

    long postmasterPid() {
        return postmasterPid;
    }

    /** The postmaster's live children now (backends, background workers). */
    int postgresChildren() {
        return (int) children(postmasterPid).count();
    }

    Reading read() {
        long nanos = System.nanoTime();
        long[] jvm = stat(ProcessHandle.current().pid());
        long harness = HarnessThreads.cpuNanos();
        long[] redisStat = stat(redisPid);
        long[] postmaster = stat(postmasterPid);
        long postgres = postmaster[11] + postmaster[12] + postmaster[13] + postmaster[14]
                + children(postmasterPid).mapToLong(s -> s[11] + s[12]).sum();
        return new Reading(nanos, jvm[11] + jvm[12], harness, redisStat[11] + redisStat[12] + redisStat[13] + redisStat[14],
                postgres, commandCalls(), Long.parseLong(infoField(redis.info("memory"), "used_memory")), postgresStats(),
                StatementCounter.statements(), StatementCounter.commits(), tcpSegments(), api.calls("sendmessage"),
                api.allCalls());
    }

    /** What Redis says {@code keys} take ({@code MEMORY USAGE}: key, value, entry; not the hash table's buckets). */
    long memoryUsage(List<String> keys) {
        long bytes = 0;
        for (String key : keys) {
            Long usage = redis.memoryUsage(key);
            bytes += usage == null ? 0 : usage;
        }
        return bytes;
    }

    long usedMemory() {
        return Long.parseLong(infoField(redis.info("memory"), "used_memory"));
    }

    /** Calls per command since the server started, from {@code INFO commandstats}. */
    private Map<String, Long> commandCalls() {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            String command = line.substring("cmdstat_".length(), colon);
            for (String field : line.substring(colon + 1).split(",")) {
                if (field.startsWith("calls=")) {
                    calls.put(command, Long.parseLong(field.substring("calls=".length())));
                }
            }
        }
        return calls;
    }

    private Map<String, Long> postgresStats() {
        Map<String, Long> stats = new HashMap<>();
        String sql = """
                select sum(xact_commit), sum(xact_rollback), sum(tup_returned), sum(tup_fetched),
                       sum(tup_inserted), sum(tup_updated), sum(tup_deleted), sum(blks_hit + blks_read)
                from pg_stat_database""";
        List<String> names = List.of("xact_commit", "xact_rollback", "tup_returned", "tup_fetched", "tup_inserted",
                "tup_updated", "tup_deleted", "blocks");
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            for (int i = 0; i < names.size(); i++) {
                stats.put(names.get(i), rows.getLong(i + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_database could not be read", e);
        }
        return stats;
    }

    /** {@code /proc/net/snmp}: Tcp InSegs + OutSegs, for the whole network namespace. */
    private static long tcpSegments() {
        try {
            List<String> tcp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Tcp:")).toList();
            String[] names = tcp.get(0).split("\\s+");
            String[] values = tcp.get(1).split("\\s+");
            long sum = 0;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals("InSegs") || names[i].equals("OutSegs")) {
                    sum += Long.parseLong(values[i]);
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name: [0] state, [1] ppid, … [11] utime,
     * [12] stime, [13] cutime, [14] cstime (clock ticks).
     */
    static long[] stat(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("no process " + pid, e);
        }
    }

    private static long[] parseStat(String line) {
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        long[] numbers = new long[15];
        for (int i = 1; i < numbers.length; i++) {
            numbers[i] = Long.parseLong(fields[i]);
        }
        return numbers;
    }

    /** The stat fields of the live children of {@code parent}. */
    private static Stream<long[]> children(long parent) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> {
                        try {
                            return parseStat(Files.readString(p.resolve("stat")));
                        } catch (IOException | RuntimeException e) {
                            // ended meanwhile
                            return null;
                        }
                    })
                    .filter(s -> s != null && s[1] == parent)
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String infoField(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException(name + " not in INFO");
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() throws SQLException {
        redis.close();
        database.close();
    }
}
