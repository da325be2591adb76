package org.muster.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.muster.support.SandboxClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many sandbox groups, each recorded by Muster and subscribed to all calls, for broadcast tests and the benchmark. */
final class ManyGroups {

    private ManyGroups() {
    }

    static List<Long> create(SandboxClient sandbox, JdbcClient jdbc, int count, long member) {
        List<Long> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            groups.add(sandbox.group("Group " + i, member));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (recorded(jdbc, groups) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + recorded(jdbc, groups) + " of " + count + " groups were recorded");
            }
            sleep(100);
        }
        for (long group : groups) {
            jdbc.sql("insert into subscription (chat_id, all_calls) values (:c, true) on conflict do nothing").param("c", group).update();
        }
        return groups;
    }

    private static int recorded(JdbcClient jdbc, List<Long> groups) {
        return jdbc.sql("select count(*) from group_chat where chat_id = any(:ids)").param("ids", groups.toArray(Long[]::new))
                .query(Integer.class).single();
    }

    /** How many messages of the bot in the group contain the text. */
    static long copiesIn(SandboxClient sandbox, long group, String text) {
        return sandbox.messages(group, 0).stream()
                .filter(m -> "bot".equals(m.path("from").asString()) && m.path("text").asString().contains(text)).count();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
