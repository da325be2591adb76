package org.muster.reminder;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param offsets reminders to a volunteer, before the shift's start (each volunteer may choose others)
 * @param choices the offsets a volunteer can pick from with /reminders
 * @param roster the roster to the team's group, before the start
 * @param quietFrom quiet hours start: non-urgent reminders wait until {@code quietTo}
 * @param quietTo quiet hours end
 */
@ConfigurationProperties("muster.reminders")
record ReminderProperties(
        @DefaultValue({"24h", "2h"}) List<Duration> offsets,
        @DefaultValue({"24h", "12h", "6h", "2h", "1h", "30m"}) List<Duration> choices,
        @DefaultValue("1h") Duration roster,
        @DefaultValue("22:00") LocalTime quietFrom,
        @DefaultValue("07:00") LocalTime quietTo) {
}
