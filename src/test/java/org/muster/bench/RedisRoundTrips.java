package org.muster.bench;

import java.util.Map;
import java.util.TreeMap;

import org.muster.support.RedisMonitor;

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

    private RedisRoundTrips() {
    }

    static Counted during(String redisUrl, RedisMonitor.Work work) throws Exception {
        Map<String, Integer> byCommand = new TreeMap<>();
        int pacer = 0;
        int pings = 0;
        for (String command : RedisMonitor.commandsDuring(redisUrl, work)) {
            String name = RedisMonitor.name(command);
            if (name.equals("ping")) {
                pings++;
                continue;
            }
            byCommand.merge(name, 1, Integer::sum);
            if (command.contains("muster:rate:")) {
                pacer++;
            }
        }
        return new Counted(byCommand, pacer, pings);
    }

}
