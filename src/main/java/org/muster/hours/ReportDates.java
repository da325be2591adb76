package org.muster.hours;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day of an activity as typed: 今天, 昨天, 前天, today, yesterday, 2026-11-20, 2026/11/20,
 * 11-20, 11/20, 11月20日. A date without a year that would lie ahead is last year's. Pure.
 */
final class ReportDates {

    private static final Pattern FULL = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})[日号]?");
    private static final Pattern SHORT = Pattern.compile("(\\d{1,2})[-/.月](\\d{1,2})[日号]?");

    private ReportDates() {
    }

    static Optional<LocalDate> parse(String text, LocalDate today) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        switch (s) {
            case "今天", "today" -> {
                return Optional.of(today);
            }
            case "昨天", "yesterday" -> {
                return Optional.of(today.minusDays(1));
            }
            case "前天" -> {
                return Optional.of(today.minusDays(2));
            }
            default -> {
            }
        }
        try {
            Matcher full = FULL.matcher(s);
            if (full.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(full.group(1)), Integer.parseInt(full.group(2)),
                        Integer.parseInt(full.group(3))));
            }
            Matcher part = SHORT.matcher(s);
            if (part.matches()) {
                LocalDate date = LocalDate.of(today.getYear(), Integer.parseInt(part.group(1)), Integer.parseInt(part.group(2)));
                return Optional.of(date.isAfter(today) ? date.minusYears(1) : date);
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
