package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationParserTest {

    /** The words of the application's bundles, as it reads them. */
    private static final HoursWords WORDS = HoursWords.fromBundles();

    @ParameterizedTest(name = "{0} -> {1} min")
    @CsvSource(delimiter = '|', value = {
            "3|180",
            "2.5|150",
            "0.5|30",
            "2.25|135",
            " 4 |240",
            "３|180",
            "2h30m|150",
            "2h 30m|150",
            "2H30M|150",
            "2h30|150",
            "1h|60",
            "45m|45",
            "90 min|90",
            "90mins|90",
            "1.5h|90",
            "1:30|90",
            "2 hours 15 minutes|135",
            "2 hours and 15 minutes|135",
            "1 hour|60",
            "half an hour|30",
            "2小时30分|150",
            "2小时30分钟|150",
            "2小时30|150",
            "3小时|180",
            "三小时|180",
            "两个小时|120",
            "两个半小时|150",
            "2小时半|150",
            "半小时|30",
            "45分钟|45",
            "十二小时|720",
            "3个钟头|180",
            "1.5小时|90",
            "24|1440",
            // a decimal comma is a decimal point, however it is typed
            "1,5|90",
            "1，5|90",
            "0,5|30",
            "2,5|150",
            "1,5h|90",
            "1,5小时|90",
            "1点5|90",
            "1点5小时|90",
            "一点五小时|90",
            "一个半小时|90",
            "1,75|105",
            "2小时, 30分|150",
    })
    void readsWhatVolunteersType(String text, int minutes) {
        assertThat(WORDS.duration(text)).isEqualTo(new DurationParser.Minutes(minutes));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''|hours.duration_unreadable",
            "abc|hours.duration_unreadable",
            "three hours|hours.duration_unreadable",
            "-3|hours.duration_unreadable",
            "3天|hours.duration_unreadable",
            "2h30x|hours.duration_unreadable",
            "30|hours.duration_too_long",
            "25小时|hours.duration_too_long",
            "24h1m|hours.duration_too_long",
            "0|hours.duration_zero",
            "0h0m|hours.duration_zero",
            "0分钟|hours.duration_zero",
            "1:75|hours.duration_unreadable",
            "h|hours.duration_unreadable",
            "小时|hours.duration_unreadable",
    })
    void refusesWithTheReason(String text, String reason) {
        assertThat(WORDS.duration(text)).isEqualTo(new DurationParser.Invalid(reason));
    }

    /** Hours and minutes, or a decimal, or thousands: asked back, never guessed. */
    @ParameterizedTest(name = "{0} is asked back")
    @CsvSource(delimiter = '|', value = {"2,30|2,30", "1,15|1,15", "2，45|2,45", "1,500|1,500", "1,05小时|1,05"})
    void anAmbiguousCommaIsAskedBack(String text, String quoted) {
        assertThat(WORDS.duration(text)).isEqualTo(new DurationParser.Invalid("hours.duration_comma", java.util.List.of(quoted)));
    }
}
