package org.muster.hours;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.muster.conversation.BundleWords;
import org.muster.conversation.Numerals;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What people type about hours, read with the words of both bundles ({@code hours.words.*}). */
@Component
class HoursWords {

    private final DurationParser durations;
    private final ReportDates dates;
    private final Pattern range;

    HoursWords(MessageSource messages) {
        this.durations = new DurationParser(words(messages, "hour_units"), words(messages, "minute_units"),
                words(messages, "half_hour"), words(messages, "half_before"), words(messages, "half_after"),
                words(messages, "connectors"), Numerals.from(messages), words(messages, "decimal_points"));
        this.dates = new ReportDates(words(messages, "today"), words(messages, "yesterday"), words(messages, "day_before"),
                words(messages, "tomorrow"), words(messages, "day_after"),
                words(messages, "year_marks"), words(messages, "month_marks"), words(messages, "day_marks"));
        List<String> separators = words(messages, "range");
        // a separator that is a word ("to") stands alone, so that "today" is not cut in two
        this.range = Pattern.compile("\\s*(?:" + String.join("|", separators.stream()
                .map(word -> word.chars().allMatch(Character::isLetter) && word.chars().allMatch(c -> c < 128)
                        ? "\\b" + Pattern.quote(word) + "\\b" : Pattern.quote(word)).toList()) + "|\\s)\\s*");
    }

    /** The words of the application's bundles, for tests that run without Spring. */
    static HoursWords fromBundles() {
        return new HoursWords(BundleWords.bundles("messages", "hours"));
    }

    private static List<String> words(MessageSource messages, String kind) {
        return BundleWords.of(messages, "hours.words." + kind);
    }

    DurationParser.Result duration(String text) {
        return durations.parse(text);
    }

    Optional<LocalDate> date(String text, LocalDate today) {
        return dates.parse(text, today);
    }

    /** Two days, such as {@code 2026-11-01 2026-11-30} or {@code 11-01 至 11-30}: the first not after the second. */
    Optional<LocalDate[]> range(String text, LocalDate today) {
        List<String> parts = Arrays.stream(range.split(text.strip())).filter(p -> !p.isBlank()).toList();
        if (parts.size() != 2) {
            return Optional.empty();
        }
        Optional<LocalDate> from = dates.parse(parts.get(0), today);
        Optional<LocalDate> to = dates.parse(parts.get(1), today);
        if (from.isEmpty() || to.isEmpty() || from.get().isAfter(to.get())) {
            return Optional.empty();
        }
        return Optional.of(new LocalDate[] {from.get(), to.get()});
    }
}
