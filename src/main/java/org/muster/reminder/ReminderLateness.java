package org.muster.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.muster.broadcast.Schedules;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code muster.reminder.lateness} (seconds; {@code muster_reminder_lateness_seconds} in Prometheus):
 * how late the oldest reminder or roster that is due but not sent is, 0 when none is; NaN while the
 * database cannot be read. Measured every 15 s against the injected {@link Clock}. Every instance
 * reports the same outbox: alert on {@code max} over instances.
 */
@Component
class ReminderLateness {

    private static final List<String> KINDS = List.of(ReminderScheduler.VOLUNTEER, ReminderScheduler.ROSTER);

    private final Schedules schedules;
    private final Clock clock;
    private volatile double seconds = Double.NaN;

    ReminderLateness(Schedules schedules, Clock clock, MeterRegistry meters) {
        this.schedules = schedules;
        this.clock = clock;
        Gauge.builder("muster.reminder.lateness", this, ReminderLateness::seconds).baseUnit("seconds")
                .description("how late the oldest due, unsent reminder or roster is").register(meters);
    }

    double seconds() {
        return seconds;
    }

    @Scheduled(fixedDelay = 15, initialDelay = 0, timeUnit = TimeUnit.SECONDS)
    void measure() {
        try {
            Instant now = clock.instant();
            seconds = schedules.oldestDue(now, KINDS)
                    .map(due -> Math.max(0, Duration.between(due, now).toMillis() / 1000.0)).orElse(0.0);
        } catch (RuntimeException e) {
            // the database is out of reach: readiness and its alert say so; this gauge only stops knowing
            seconds = Double.NaN;
        }
    }
}
