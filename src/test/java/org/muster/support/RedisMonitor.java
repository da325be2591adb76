package org.muster.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * The commands clients sent Redis while some work ran, read with {@code MONITOR}, which tells a
 * client's command (a round trip) from one that a Lua script runs inside its {@code EVALSHA}
 * ({@code INFO commandstats} counts both). Fenced by two {@code ECHO}s of its own, so what came before
 * MONITOR answered, or after the work, is not counted. MONITOR slows the server down: for a few
 * updates only.
 */
public final class RedisMonitor {

    /** Something to watch; may throw. */
    public interface Work {
        void run() throws Exception;
    }

    private RedisMonitor() {
    }

    /** Each top-level command as MONITOR shows it, {@code "name" "arg" …}, without those scripts ran. */
    public static List<String> commandsDuring(String redisUrl, Work work) throws Exception {
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
                // the connection is closed below once the fence went by
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
        if (!monitoring.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("MONITOR did not start");
        }
        List<String> commands = new ArrayList<>();
        try (Jedis own = new Jedis(URI.create(redisUrl))) {
            String start = "start-" + UUID.randomUUID();
            own.echo(start);
            for (String line = next(seen); !line.contains(start); line = next(seen)) {
                // before the work
            }
            work.run();
            // everything the work sent before it returned is ahead of this in the server's order
            String fence = "fence-" + UUID.randomUUID();
            own.echo(fence);
            for (String line = next(seen); !line.contains(fence); line = next(seen)) {
                // "<time> [<db> <client address>|lua] "<command>" "<arg>"...": a script's own calls say lua
                int open = line.indexOf('[');
                int close = line.indexOf(']', open);
                if (!line.substring(open + 1, close).contains("lua")) {
                    commands.add(line.substring(close + 2));
                }
            }
        } finally {
            monitor.disconnect();
        }
        return commands;
    }

    /** The command's name, lower case, of a line as {@link #commandsDuring} returns it. */
    public static String name(String command) {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).replace("\"", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String next(LinkedBlockingQueue<String> seen) throws InterruptedException {
        String line = seen.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("MONITOR went quiet");
        }
        return line;
    }
}
