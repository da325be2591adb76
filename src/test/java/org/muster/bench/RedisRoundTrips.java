package org.muster.bench;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * The commands clients sent Redis while some work ran, read with {@code MONITOR}, which tells a
 * client's command (a round trip) from one that a Lua script runs inside its {@code EVALSHA}; {@code INFO
 * commandstats} counts both. MONITOR slows the server down: only for a few updates, one at a time, after
 * the measured phases.
 */
final class RedisRoundTrips {

    /**
     * Top-level commands by name, how many of them touched the pacer's keys ({@code muster:rate:*}), and
     * the {@code PING}s of the connection pool's idle test (every 30 s, not the updates'), left out.
     */
    record Counted(Map<String, Integer> byCommand, int pacer, int idlePings) {

        int total() {
            return byCommand.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    interface Work {
        void run() throws Exception;
    }

    private RedisRoundTrips() {
    }

    static Counted during(String redisUrl, Work work) throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        CountDownLatch monitoring = new CountDownLatch(1);
        Jedis monitor = new Jedis(URI.create(redisUrl));
        Thread reader = new Thread(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void proceed(Connection connection) {
                        monitoring.countDown();
                        super.proceed(connection);
                    }

                    @Override
                    public void onCommand(String command) {
                        seen.add(command);
                    }
                });
            } catch (RuntimeException closed) {
                // closed once the fence went by
            }
        }, "bench-redis-monitor");
        reader.setDaemon(true);
        reader.start();
        if (!monitoring.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("MONITOR did not start");
        }
        Map<String, Integer> byCommand = new TreeMap<>();
        int pacer = 0;
        int pings = 0;
        try (Jedis own = new Jedis(URI.create(redisUrl))) {
            String start = "start-" + UUID.randomUUID();
            own.echo(start);
            for (String line = next(seen); !line.contains(start); line = next(seen)) {
                // before the work
            }
            work.run();
            String fence = "fence-" + UUID.randomUUID();
            own.echo(fence);
            for (String line = next(seen); !line.contains(fence); line = next(seen)) {
                // "<time> [<db> <client address>|lua] "<command>" "<arg>"...": a script's own calls say lua
                int open = line.indexOf('[');
                int close = line.indexOf(']', open);
                if (line.substring(open + 1, close).contains("lua")) {
                    continue;
                }
                String rest = line.substring(close + 2);
                int space = rest.indexOf(' ');
                String name = (space < 0 ? rest : rest.substring(0, space)).replace("\"", "").toLowerCase(java.util.Locale.ROOT);
                if (name.equals("ping")) {
                    pings++;
                    continue;
                }
                byCommand.merge(name, 1, Integer::sum);
                if (rest.contains("muster:rate:")) {
                    pacer++;
                }
            }
        } finally {
            monitor.disconnect();
        }
        return new Counted(byCommand, pacer, pings);
    }

    private static String next(LinkedBlockingQueue<String> seen) throws InterruptedException {
        String line = seen.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("MONITOR went quiet");
        }
        return line;
    }
}
