package org.muster.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code muster.broadcast.backlog.age} (seconds; {@code muster_broadcast_backlog_age_seconds} in
 * Prometheus): how long the oldest outbox delivery that is due but not sent has been waiting, 0 when
 * none is; NaN while the database cannot be read. Measured every 15 s against the injected
 * {@link Clock} (never the database's own now()), so a scrape never waits for the database.
 * Every instance reports the same outbox: alert on {@code max} over instances.
 */
@Component
class OutboxBacklog {

    private final Schedules schedules;
    private final Clock clock;
    private volatile double seconds = Double.NaN;

    OutboxBacklog(Schedules schedules, Clock clock, MeterRegistry meters) {
        this.schedules = schedules;
        this.clock = clock;
        Gauge.builder("muster.broadcast.backlog.age", this, OutboxBacklog::seconds).baseUnit("seconds")
                .description("how long the oldest due, unsent outbox delivery (any kind) has waited").register(meters);
    }

    double seconds() {
        return seconds;
    }

    @Scheduled(fixedDelay = 15, initialDelay = 0, timeUnit = TimeUnit.SECONDS)
    void measure() {
        try {
            Instant now = clock.instant();
            Optional<Instant> oldest = schedules.oldestDue(now, List.of());
            seconds = oldest.map(due -> Math.max(0, Duration.between(due, now).toMillis() / 1000.0)).orElse(0.0);
        } catch (RuntimeException e) {
            // the database is out of reach: readiness and its alert say so; this gauge only stops knowing
            seconds = Double.NaN;
        }
    }
}
