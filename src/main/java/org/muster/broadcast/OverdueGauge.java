package org.muster.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge, in seconds, of how long the oldest outbox delivery of some kinds (all kinds when none are
 * named) that is due but not sent has waited: 0 when none is, NaN while the database cannot be read.
 * {@link #measure()} reads the outbox and compares with the injected {@link Clock} (never the
 * database's own now()); its owner calls it on a schedule, so that a scrape never waits for the database.
 * Every instance reports the same outbox: alert on {@code max} over instances.
 */
public final class OverdueGauge {

    private final Schedules schedules;
    private final Clock clock;
    private final List<String> kinds;
    private volatile double seconds = Double.NaN;

    public OverdueGauge(String name, String description, List<String> kinds, Schedules schedules, Clock clock, MeterRegistry meters) {
        this.schedules = schedules;
        this.clock = clock;
        this.kinds = List.copyOf(kinds);
        Gauge.builder(name, this, OverdueGauge::seconds).baseUnit("seconds").description(description).register(meters);
    }

    double seconds() {
        return seconds;
    }

    public void measure() {
        try {
            Instant now = clock.instant();
            seconds = schedules.oldestDue(now, kinds).map(due -> Math.max(0, Duration.between(due, now).toMillis() / 1000.0)).orElse(0.0);
        } catch (RuntimeException e) {
            // the database is out of reach: readiness and its alert say so; this gauge only stops knowing
            seconds = Double.NaN;
        }
    }
}
