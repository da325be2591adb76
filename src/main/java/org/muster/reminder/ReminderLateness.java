package org.muster.reminder;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.muster.broadcast.OverdueGauge;
import org.muster.broadcast.Schedules;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code muster.reminder.lateness} (seconds; {@code muster_reminder_lateness_seconds} in Prometheus):
 * how late the oldest reminder or roster that is due but not sent is, measured every 15 s
 * ({@link OverdueGauge}).
 */
@Component
class ReminderLateness {

    private final OverdueGauge gauge;

    ReminderLateness(Schedules schedules, Clock clock, MeterRegistry meters) {
        this.gauge = new OverdueGauge("muster.reminder.lateness", "how late the oldest due, unsent reminder or roster is",
                List.of(ReminderScheduler.VOLUNTEER, ReminderScheduler.ROSTER), schedules, clock, meters);
    }

    @Scheduled(fixedDelay = 15, initialDelay = 0, timeUnit = TimeUnit.SECONDS)
    void measure() {
        gauge.measure();
    }
}
