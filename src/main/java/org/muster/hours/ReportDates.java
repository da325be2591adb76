package org.muster.hours;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day of an activity as typed: 今天, 昨天, 前天, today, yesterday, 2026-11-20, 2026/11/20, 11-20,
 * 11/20, 11月20日 (the words and marks come from the bundles, {@code hours.words.*}). A date without a
 * year that would lie ahead is last year's. 明天 and 后天 are read too, so that the answer can say that
 * a day to come cannot be reported rather than that it was not understood. Pure.
 */
final class ReportDates {

    private final List<String> today;
    private final List<String> yesterday;
    private final List<String> dayBefore;
    private final List<String> tomorrow;
    private final List<String> dayAfter;
    private final Pattern full;
    private final Pattern shortForm;

    /** @param yearMarks, monthMarks, dayMarks what may follow the year, month and day besides - / . (年, 月, 日 号) */
    ReportDates(List<String> today, List<String> yesterday, List<String> dayBefore, List<String> tomorrow, List<String> dayAfter,
                List<String> yearMarks, List<String> monthMarks, List<String> dayMarks) {
        this.tomorrow = lower(tomorrow);
        this.dayAfter = lower(dayAfter);
        this.today = lower(today);
        this.yesterday = lower(yesterday);
        this.dayBefore = lower(dayBefore);
        String year = separators(yearMarks);
        String month = separators(monthMarks);
        String day = dayMarks.isEmpty() ? "" : "(?:" + String.join("|", dayMarks.stream().map(Pattern::quote).toList()) + ")?";
        this.full = Pattern.compile("(\\d{4})" + year + "(\\d{1,2})" + month + "(\\d{1,2})" + day);
        this.shortForm = Pattern.compile("(\\d{1,2})" + month + "(\\d{1,2})" + day);
    }

    private static List<String> lower(List<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT).replaceAll("\\s+", "")).toList();
    }

    private static String separators(List<String> marks) {
        StringBuilder alternatives = new StringBuilder("(?:-|/|\\.");
        marks.forEach(mark -> alternatives.append('|').append(Pattern.quote(mark)));
        return alternatives.append(')').toString();
    }

    Optional<LocalDate> parse(String text, LocalDate on) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (today.contains(s)) {
            return Optional.of(on);
        }
        if (yesterday.contains(s)) {
            return Optional.of(on.minusDays(1));
        }
        if (dayBefore.contains(s)) {
            return Optional.of(on.minusDays(2));
        }
        if (tomorrow.contains(s)) {
            return Optional.of(on.plusDays(1));
        }
        if (dayAfter.contains(s)) {
            return Optional.of(on.plusDays(2));
        }
        try {
            Matcher whole = full.matcher(s);
            if (whole.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(whole.group(1)), Integer.parseInt(whole.group(2)),
                        Integer.parseInt(whole.group(3))));
            }
            Matcher part = shortForm.matcher(s);
            if (part.matches()) {
                LocalDate date = LocalDate.of(on.getYear(), Integer.parseInt(part.group(1)), Integer.parseInt(part.group(2)));
                return Optional.of(date.isAfter(on) ? date.minusYears(1) : date);
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
