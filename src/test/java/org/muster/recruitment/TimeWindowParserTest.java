package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Time windows as coordinators type them, on Sunday 2026-11-29 at 10:00 in Shanghai. */
class TimeWindowParserTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = ZonedDateTime.of(2026, 11, 29, 10, 0, 0, 0, SHANGHAI).toInstant();
    private final TimeWindowParser parser = RecruitWords.parser(RecruitWords.bundleWords());

    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of("2026-12-01 08:00-12:00", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("2026/12/1 8:00 - 12:00", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("12-01 8:00-12:00", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("12/1 8-12", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("tomorrow 8:00-12:00", "2026-11-30T08:00", "2026-11-30T12:00", null),
                Arguments.of("Tomorrow 13:30-17:00", "2026-11-30T13:30", "2026-11-30T17:00", null),
                Arguments.of("day after tomorrow 8-12", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("明天 8:00-12:00", "2026-11-30T08:00", "2026-11-30T12:00", null),
                Arguments.of("明天 8：00至12：00", "2026-11-30T08:00", "2026-11-30T12:00", null),
                Arguments.of("后天 8点-12点", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("12月1日 8:00~12:00", "2026-12-01T08:00", "2026-12-01T12:00", null),
                Arguments.of("今天 14:00-18:00", "2026-11-29T14:00", "2026-11-29T18:00", null),
                Arguments.of("01-05 8:00-12:00", "2027-01-05T08:00", "2027-01-05T12:00", null),
                Arguments.of("12-01 20:00-24:00", "2026-12-01T20:00", "2026-12-02T00:00", null),
                Arguments.of("今天 8:00-12:00", null, null, TimeWindowParser.Problem.PAST),
                Arguments.of("2026-11-28 08:00-12:00", null, null, TimeWindowParser.Problem.PAST),
                Arguments.of("10-01 08:00-12:00", null, null, TimeWindowParser.Problem.PAST),
                Arguments.of("12-01 12:00-08:00", "2026-12-01T12:00", "2026-12-02T08:00", null),
                Arguments.of("明天 22:00-06:00", "2026-11-30T22:00", "2026-12-01T06:00", null),
                Arguments.of("tomorrow 23:30-0:30", "2026-11-30T23:30", "2026-12-01T00:30", null),
                Arguments.of("12月31日 22点至6点", "2026-12-31T22:00", "2027-01-01T06:00", null),
                Arguments.of("12-01 00:00-24:00", null, null, TimeWindowParser.Problem.END_NOT_AFTER_START),
                Arguments.of("明天 22:00-22:00", null, null, TimeWindowParser.Problem.END_NOT_AFTER_START),
                Arguments.of("今天 09:00-08:00", "2026-11-29T09:00", "2026-11-30T08:00", TimeWindowParser.Problem.PAST),
                Arguments.of("12-01 08:00-08:00", null, null, TimeWindowParser.Problem.END_NOT_AFTER_START),
                Arguments.of("8:00-12:00", null, null, TimeWindowParser.Problem.FORMAT),
                Arguments.of("next week", null, null, TimeWindowParser.Problem.FORMAT),
                Arguments.of("12-01 25:00-26:00", null, null, TimeWindowParser.Problem.FORMAT),
                Arguments.of("02-30 08:00-12:00", null, null, TimeWindowParser.Problem.FORMAT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void reads(String typed, String start, String end, TimeWindowParser.Problem problem) {
        TimeWindowParser.Result result = parser.parse(typed, NOW, SHANGHAI);

        assertThat(result.problem()).isEqualTo(problem);
        if (start != null) {
            assertThat(result.start().toLocalDateTime()).hasToString(start);
            assertThat(result.end().toLocalDateTime()).hasToString(end);
            assertThat(result.start().getZone()).isEqualTo(SHANGHAI);
        }
    }
}
