package org.muster.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a reminder is due: {@code offset} before the start, held out of quiet hours until the
 * morning, unless the shift starts before the morning (then it is urgent and goes on time). Pure.
 */
final class ReminderTimes {

    private final ZoneId zone;
    private final LocalTime quietFrom;
    private final LocalTime quietTo;

    ReminderTimes(ZoneId zone, LocalTime quietFrom, LocalTime quietTo) {
        this.zone = zone;
        this.quietFrom = quietFrom;
        this.quietTo = quietTo;
    }

    Instant due(Instant start, Duration offset) {
        Instant nominal = start.minus(offset);
        ZonedDateTime local = nominal.atZone(zone);
        if (!quiet(local.toLocalTime())) {
            return nominal;
        }
        ZonedDateTime morning = local.toLocalTime().isBefore(quietTo)
                ? local.toLocalDate().atTime(quietTo).atZone(zone)
                : local.toLocalDate().plusDays(1).atTime(quietTo).atZone(zone);
        return morning.toInstant().isBefore(start) ? morning.toInstant() : nominal;
    }

    boolean quiet(LocalTime time) {
        if (quietFrom.equals(quietTo)) {
            return false;
        }
        return quietFrom.isAfter(quietTo)
                ? !time.isBefore(quietFrom) || time.isBefore(quietTo)
                : !time.isBefore(quietFrom) && time.isBefore(quietTo);
    }
}
