package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Reminders at scale: N enrolments (100,000 by default) on shifts that all start within one hour,
 * scheduled, planned and claimed by the real outbox SQL against real PostgreSQL, and "sent" on a
 * virtual clock at the configured global rate (Telegram itself is not what is measured). Prints how
 * many reminders would have arrived after their deadline (the shift's start), with and without the
 * deadline planner, and the real time the outbox spends per reminder.
 * Run with {@code mvn -Pbenchmark test -Dtest=ReminderBenchmarkTest}; not part of {@code mvn verify}.
 */
@Tag("benchmark")
class ReminderBenchmarkTest {

    /** As configured by default: muster.telegram.pacing.global-per-second and muster.reminders.planning.*. */
    private static final int GLOBAL_PER_SECOND = 30;
    private static final double RATE_SHARE = 0.8;
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final Duration PLAN_EVERY = Duration.ofSeconds(10);
    private static final int BATCH = 30;
    private static final int PER_SHIFT = 50;

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static BroadcastRepository repository;

    @BeforeAll
    static void database() {
        DriverManagerDataSource embedded = TestServers.dataSource();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(embedded.getUrl());
        dataSource.setUsername(embedded.getUsername());
        dataSource.setPassword(embedded.getPassword());
        dataSource.setMaximumPoolSize(2);
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new BroadcastRepository(jdbc);
        jdbc.sql("insert into area (code, level, name_zh, name_en) values ('benchmark', 1, '基准', 'Benchmark') on conflict do nothing").update();
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    /** What one run found. */
    private record Outcome(int reminders, int late, java.time.LocalTime firstSent, java.time.LocalTime lastSent, long scheduleNanos, long planNanos, int plans,
                           long claimNanos, long markNanos) {

        double overheadMicros() {
            return (planNanos + claimNanos + markNanos) / 1000.0 / reminders;
        }
    }

    @Test
    void remindersOfAHundredThousandEnrolmentsStartingWithinAnHour() {
        int enrolments = Integer.getInteger("benchmark.enrolments", 100_000);
        System.out.printf("%nREMINDER BENCHMARK%n  %,d enrolments, %d per shift; shifts start in three waves within one hour "
                        + "(half at 08:00, 30%% at 08:30, 20%% at 09:00); sent at %d/s, planned for %.0f%% of it, margin %d min%n",
                enrolments, PER_SHIFT, GLOBAL_PER_SECOND, RATE_SHARE * 100, MARGIN.toMinutes());

        Outcome standard = run(enrolments, Duration.ofHours(2), true, 1);
        print("2 h before (the default)", standard);
        Outcome shortest = run(enrolments, Duration.ofMinutes(30), true, 2);
        print("30 min before (the shortest choice)", shortest);
        Outcome tight = run(enrolments, Duration.ofMinutes(15), true, 3);
        print("15 min before, planned", tight);
        Outcome unplanned = run(enrolments, Duration.ofMinutes(15), false, 4);
        print("15 min before, without the planner", unplanned);

        System.out.printf("  scheduling cost (one enrolment's reminder written): %.0f µs each%n%n",
                standard.scheduleNanos() / 1000.0 / standard.reminders());
        // the figures are the result; this only checks that the runs measured something
        assertThat(standard.reminders()).isEqualTo(enrolments);
    }

    private static void print(String label, Outcome outcome) {
        System.out.printf("  %-38s late: %,6d of %,d   sent %s to %s   outbox overhead %.0f µs/reminder "
                        + "(%d plans %.1f s, claims %.1f s, marks %.1f s)%n",
                label, outcome.late(), outcome.reminders(), outcome.firstSent(), outcome.lastSent(),
                outcome.overheadMicros(), outcome.plans(), outcome.planNanos() / 1e9, outcome.claimNanos() / 1e9, outcome.markNanos() / 1e9);
    }

    /**
     * Schedules one reminder per enrolment, {@code offset} before its shift, then runs the outbox on a
     * virtual clock: every second it claims up to the global rate's worth of due deliveries, earliest
     * deadline first, and every {@code PLAN_EVERY} the planner runs. A delivery claimed at or after its
     * deadline is dropped, as the worker does; one claimed before counts as sent at its place in the second.
     */
    private Outcome run(int enrolments, Duration offset, boolean planning, int day) {
        // each run on its own far-future day: nothing of another run or test is due then
        Instant eight = Instant.parse("2300-01-01T00:00:00Z").plus(Duration.ofDays(day * 10L + (System.nanoTime() & 0xfff) * 50L));
        int shifts = (enrolments + PER_SHIFT - 1) / PER_SHIFT;
        List<Long> activities = jdbc.sql("""
                        insert into activity (title, description, site_name, area_code, starts_at, ends_at, slots, created_by)
                        select 'benchmark ' || n, '', 'site', 'benchmark',
                               :eight + case when n <= :shifts * 0.5 then interval '0' when n <= :shifts * 0.8 then interval '30 minutes'
                                             else interval '60 minutes' end,
                               :eight + interval '5 hours', :per, 0
                        from generate_series(1, :shifts) n
                        returning id
                        """)
                .param("eight", eight.atOffset(ZoneOffset.UTC)).param("shifts", shifts).param("per", PER_SHIFT)
                .query(Long.class).list();
        List<Instant> starts = jdbc.sql("select starts_at from activity where id = any(:ids) order by id")
                .param("ids", activities.toArray(Long[]::new)).query((rs, i) -> rs.getTimestamp(1).toInstant()).list();

        java.util.Set<Long> ours = new java.util.HashSet<>();
        long scheduling = System.nanoTime();
        for (int s = 0; s < shifts; s++) {
            long broadcast = repository.findOrCreate("reminder", activities.get(s), Long.toString(offset.toMinutes()), 0, "zh");
            ours.add(broadcast);
            Instant start = starts.get(s);
            for (int v = 0; v < PER_SHIFT && s * PER_SHIFT + v < enrolments; v++) {
                repository.schedule(broadcast, 1_000_000L + s * PER_SHIFT + v, true, start.minus(offset), start);
            }
        }
        long scheduleNanos = System.nanoTime() - scheduling;

        double perSecond = GLOBAL_PER_SECOND * RATE_SHARE;
        Instant now = eight.minus(offset).minus(Duration.ofHours(2));
        Instant nextPlan = now;
        Instant first = null;
        Instant last = now;
        long planNanos = 0;
        long claimNanos = 0;
        long markNanos = 0;
        int plans = 0;
        int late = 0;
        int done = 0;
        while (done < enrolments) {
            if (planning && !now.isBefore(nextPlan)) {
                // as DeadlinePlanner does: a cheap check every interval, the plan only after something was scheduled
                long t = System.nanoTime();
                if (repository.needsPlanning(now)) {
                    repository.plan(now, perSecond, MARGIN);
                    plans++;
                }
                planNanos += System.nanoTime() - t;
                nextPlan = now.plus(PLAN_EVERY);
            }
            int sentThisSecond = 0;
            while (sentThisSecond < GLOBAL_PER_SECOND) {
                long t = System.nanoTime();
                List<BroadcastRepository.Delivery> batch = repository.claim("benchmark", Math.min(BATCH, GLOBAL_PER_SECOND - sentThisSecond), now);
                claimNanos += System.nanoTime() - t;
                if (batch.isEmpty()) {
                    break;
                }
                t = System.nanoTime();
                for (BroadcastRepository.Delivery delivery : batch) {
                    if (!ours.contains(delivery.broadcastId())) {
                        // left pending by another test in a shared database: out of the way, not counted
                        repository.failed(delivery.id(), "not the benchmark's");
                        continue;
                    }
                    Instant arrives = now.plusMillis(Math.round(sentThisSecond * 1000.0 / GLOBAL_PER_SECOND));
                    if (!arrives.isBefore(delivery.deadline())) {
                        repository.failed(delivery.id(), "past its deadline");
                        late++;
                    } else {
                        repository.sent(delivery.id(), delivery.chatId(), 1, arrives);
                    }
                    sentThisSecond++;
                    done++;
                    first = first == null ? arrives : first;
                    last = arrives;
                }
                markNanos += System.nanoTime() - t;
            }
            now = sentThisSecond > 0 ? now.plusSeconds(1) : idleUntil(now, planning ? nextPlan : null);
        }
        jdbc.sql("delete from broadcast_delivery d using broadcast b where b.id = d.broadcast_id and b.activity_id = any(:ids)")
                .param("ids", activities.toArray(Long[]::new)).update();
        java.time.LocalTime clock = java.time.LocalTime.of(8, 0);
        return new Outcome(enrolments, late, clock.plus(Duration.between(eight, first)).withNano(0), clock.plus(Duration.between(eight, last)).withNano(0),
                scheduleNanos, planNanos, plans, claimNanos, markNanos);
    }

    /** Skips idle virtual time: to the next due delivery, or the next planning run if that comes first. */
    private static Instant idleUntil(Instant now, Instant nextPlan) {
        Instant due = jdbc.sql("select min(next_attempt_at) from broadcast_delivery where status = 'pending' and next_attempt_at > :now")
                .param("now", now.atOffset(ZoneOffset.UTC)).query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .single();
        Instant next = due == null ? now.plusSeconds(1) : due;
        if (nextPlan != null && nextPlan.isBefore(next)) {
            next = nextPlan;
        }
        return next.isAfter(now) ? next : now.plusSeconds(1);
    }
}
