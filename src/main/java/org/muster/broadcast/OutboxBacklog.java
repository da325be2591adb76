package org.muster.broadcast;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code muster.broadcast.backlog.age} (seconds; {@code muster_broadcast_backlog_age_seconds} in
 * Prometheus): how long the oldest outbox delivery of any kind that is due but not sent has been
 * waiting, measured every 15 s ({@link OverdueGauge}).
 */
@Component
class OutboxBacklog {

    private final OverdueGauge gauge;

    OutboxBacklog(Schedules schedules, Clock clock, MeterRegistry meters) {
        this.gauge = new OverdueGauge("muster.broadcast.backlog.age", "how long the oldest due, unsent outbox delivery (any kind) has waited",
                List.of(), schedules, clock, meters);
    }

    @Scheduled(fixedDelay = 15, initialDelay = 0, timeUnit = TimeUnit.SECONDS)
    void measure() {
        gauge.measure();
    }
}
