package org.muster.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When reminders fall due, with quiet hours 22:00-07:00 in Shanghai. */
class ReminderTimesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final ReminderTimes times = new ReminderTimes(SHANGHAI, LocalTime.of(22, 0), LocalTime.of(7, 0));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("2026-12-02T14:00", "2h", "2026-12-02T12:00", "outside quiet hours: on time"),
                Arguments.of("2026-12-02T08:00", "2h", "2026-12-02T07:00", "06:00 is quiet: held until 07:00"),
                Arguments.of("2026-12-02T08:00", "24h", "2026-12-01T08:00", "the day before, 08:00: on time"),
                Arguments.of("2026-12-02T09:00", "12h", "2026-12-01T21:00", "21:00 is before quiet hours: on time"),
                Arguments.of("2026-12-02T06:30", "2h", "2026-12-02T04:30", "the shift starts before 07:00: urgent, on time"),
                Arguments.of("2026-12-02T23:30", "1h", "2026-12-02T22:30", "starts before the morning: urgent"),
                Arguments.of("2026-12-03T10:00", "12h", "2026-12-03T07:00", "22:00 the evening before: held until 07:00"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("cases")
    void due(String start, String offset, String expected, String why) {
        var shift = ZonedDateTime.of(java.time.LocalDateTime.parse(start), SHANGHAI).toInstant();

        var due = times.due(shift, Duration.parse("PT" + offset.toUpperCase()));

        assertThat(due.atZone(SHANGHAI).toLocalDateTime()).as(why).hasToString(expected);
    }
}
