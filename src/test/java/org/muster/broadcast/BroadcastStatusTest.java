package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far a call's broadcasts got, asked for one call ({@code /calls}) and for many at once (the
 * console's board, every second): both add up the same deliveries, against real PostgreSQL.
 */
class BroadcastStatusTest {

    private static JdbcClient jdbc;
    private static BroadcastRepository repository;

    @BeforeAll
    static void database() {
        jdbc = JdbcClient.create(TestServers.freshDatabase("broadcast_status"));
        repository = new BroadcastRepository(jdbc);
        jdbc.sql("insert into area (code, level, name_zh, name_en) values ('status-test', 1, '测试区', 'Test district') on conflict do nothing")
                .update();
    }

    private static long call() {
        return jdbc.sql("""
                        insert into activity (title, description, site_name, area_code, starts_at, ends_at, slots, created_by)
                        values ('核酸检测', '', '站点', 'status-test', '2030-01-01T08:00:00Z', '2030-01-01T12:00:00Z', 20, 1)
                        returning id
                        """)
                .query(Long.class).single();
    }

    /** A broadcast of {@code kind} about the call to {@code groups} chats, {@code sent} of them sent and {@code failed} failed. */
    private static void broadcast(long call, String kind, int groups, int sent, int failed) {
        long broadcast = repository.create(kind, call, "text", 1, "zh", null);
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            chats.add(-1_000_000L * call - i);
        }
        repository.addDeliveries(broadcast, chats, false, Instant.parse("2030-01-01T00:00:00Z"));
        List<Long> deliveries = jdbc.sql("select id from broadcast_delivery where broadcast_id = :b order by id")
                .param("b", broadcast).query(Long.class).list();
        for (int i = 0; i < sent; i++) {
            repository.sent(deliveries.get(i), chats.get(i), 100 + i, Instant.parse("2030-01-01T00:00:01Z"));
        }
        for (int i = sent; i < sent + failed; i++) {
            repository.failed(deliveries.get(i), "blocked");
        }
    }

    @Test
    void manyCallsAtOnceAddUpAsEachAlone() {
        long first = call();
        long second = call();
        long quiet = call();
        broadcast(first, "call", 5, 3, 1);
        broadcast(first, "call", 2, 2, 0);
        broadcast(first, "notice", 4, 4, 0);
        broadcast(second, "call", 3, 0, 3);
        broadcast(quiet, "notice", 2, 1, 0);

        Map<Long, BroadcastStatus> all = repository.statusesOf(List.of(first, second, quiet), "call");

        assertThat(all.get(first)).isEqualTo(new BroadcastStatus(0, 7, 5, 1)).isEqualTo(repository.statusOf(first, "call"));
        assertThat(all.get(second)).isEqualTo(new BroadcastStatus(0, 3, 0, 3)).isEqualTo(repository.statusOf(second, "call"));
        assertThat(all).doesNotContainKey(quiet);
        assertThat(repository.statusOf(quiet, "call")).isEqualTo(new BroadcastStatus(0, 0, 0, 0));
        assertThat(repository.statusesOf(List.of(), "call")).isEmpty();
    }
}
