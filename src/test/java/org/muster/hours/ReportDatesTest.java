package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportDatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final HoursWords WORDS = HoursWords.fromBundles();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "今天, 2026-12-01", "today, 2026-12-01", "昨天, 2026-11-30", "Yesterday, 2026-11-30", "前天, 2026-11-29",
            "2026-11-20, 2026-11-20", "2026/11/20, 2026-11-20", "11-20, 2026-11-20", "11/20, 2026-11-20", "11月20日, 2026-11-20",
            "１１月２０号, 2026-11-20",
            // days to come are read, so that the flow can say they cannot be reported yet
            "明天, 2026-12-02", "后天, 2026-12-03", "Tomorrow, 2026-12-02",
            // without a year, a day that would lie ahead is last year's
            "12-25, 2025-12-25",
            "2027-01-01, 2027-01-01"})
    void reads(String text, LocalDate date) {
        assertThat(WORDS.date(text, TODAY)).contains(date);
    }

    @ParameterizedTest
    @CsvSource({"someday", "2026-13-01", "2026-02-30", "32/1", "''"})
    void refuses(String text) {
        assertThat(WORDS.date(text, TODAY)).isEmpty();
    }

    @Test
    void anExportRangeIsTwoDatesInOrder() {
        assertThat(WORDS.range("2026-11-01 2026-11-30", TODAY)).hasValueSatisfying(r ->
                assertThat(r).containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));
        assertThat(WORDS.range("11-01 至 11-30", TODAY)).hasValueSatisfying(r -> assertThat(r[1]).isEqualTo(LocalDate.of(2026, 11, 30)));
        assertThat(WORDS.range("2026-11-01 to 2026-11-30", TODAY)).isPresent();
        assertThat(WORDS.range("2026-11-30 2026-11-01", TODAY)).isEmpty();
        assertThat(WORDS.range("2026-11-01", TODAY)).isEmpty();
    }
}
