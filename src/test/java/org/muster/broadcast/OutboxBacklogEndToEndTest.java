package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.support.ClockedEndToEndTest;
import org.muster.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How late the outbox runs, as the alerts read it: the oldest delivery that is due but not sent
 * (pending past its time, or claimed and on its way) against the injected clock; sent ones and ones
 * failed ones do not count; the kinds filter keeps reminders ({@code muster.reminder.lateness}) apart from the rest.
 */
@ClockedEndToEndTest
class OutboxBacklogEndToEndTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Schedules schedules;

    @Autowired
    OutboxBacklog backlog;

    @Autowired
    MeterRegistry meters;

    private final List<Long> broadcasts = new java.util.ArrayList<>();

    @AfterEach
    void removeTheRows() {
        jdbc.sql("delete from broadcast_delivery where broadcast_id = any(:ids)").param("ids", broadcasts.toArray(Long[]::new)).update();
        jdbc.sql("delete from broadcast where id = any(:ids)").param("ids", broadcasts.toArray(Long[]::new)).update();
    }

    private long broadcast(String kind) {
        long id = jdbc.sql("insert into broadcast (kind, text, created_by) values (:kind, :text, 0) returning id")
                .param("kind", kind).param("text", "backlog-test-" + System.nanoTime()).query(Long.class).single();
        broadcasts.add(id);
        return id;
    }

    /** A delivery due at {@code due}; "sending" ones held by an instance that claimed them just now (so never re-claimed here). */
    private void delivery(long broadcast, long chat, String status, Instant due) {
        jdbc.sql("""
                        insert into broadcast_delivery (broadcast_id, chat_id, status, next_attempt_at, claimed_by, claimed_at, sent_at)
                        values (:b, :chat, :status, :due, :by, :claimed, :sent)
                        """)
                .param("b", broadcast).param("chat", chat).param("status", status).param("due", due.atOffset(ZoneOffset.UTC))
                .param("by", status.equals("sending") ? "outbox-elsewhere" : null)
                .param("claimed", status.equals("sending") ? clock.instant().atOffset(ZoneOffset.UTC) : null)
                .param("sent", status.equals("sent") ? clock.instant().atOffset(ZoneOffset.UTC) : null)
                .update();
    }

    @Test
    void theOldestDueUnsentDeliveryGivesTheBacklogsAge() {
        Instant now = clock.instant();
        long notice = broadcast("notice");
        long reminder = broadcast("reminder");
        // far older than anything another test leaves behind: these are the oldest
        delivery(notice, -9_100_001L, "sending", now.minus(Duration.ofDays(30)));
        delivery(notice, -9_100_002L, "sent", now.minus(Duration.ofDays(60)));
        delivery(notice, -9_100_003L, "failed", now.minus(Duration.ofDays(70)));
        delivery(reminder, -9_100_004L, "sending", now.minus(Duration.ofDays(20)));

        assertThat(schedules.oldestDue(now, List.of())).contains(now.minus(Duration.ofDays(30)));
        assertThat(schedules.oldestDue(now, List.of("reminder", "roster"))).contains(now.minus(Duration.ofDays(20)));

        backlog.measure();

        assertThat(meters.get("muster.broadcast.backlog.age").gauge().value()).isEqualTo(Duration.ofDays(30).toSeconds());
        // the reminder package's gauge is measured every 15 s: wait for it to see the reminder's 20 days
        double lateness = Double.NaN;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (lateness = meters.get("muster.reminder.lateness").gauge().value()) != Duration.ofDays(20).toSeconds()) {
            pause();
        }
        assertThat(lateness).as("muster.reminder.lateness: the reminder's, not the older notice's").isEqualTo(Duration.ofDays(20).toSeconds());
    }

    /** Between two looks at a condition that is awaited (never the proof that something did not happen). */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
