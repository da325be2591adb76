package org.muster.recruitment;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a shift's time window as coordinators type it, in the organisation's time zone:
 * {@code 2026-12-01 08:00-12:00}, {@code 12-01 8:00-12:00}, {@code 12/1 8-12}, {@code tomorrow 8:00-12:00},
 * and the Chinese forms (明天 8:00-12:00, 12月1日 8:00至12:00). An end before the start is on the next
 * day ({@code 明天 22:00-06:00} is a night shift); an end equal to the start is refused. The words and signs of each language
 * come from the bundles ({@code recruit.words.*}), so this class holds no user-facing text. Pure.
 */
final class TimeWindowParser {

    enum Problem { FORMAT, PAST, END_NOT_AFTER_START, TOO_LONG }

    /** A window, or why there is none. */
    record Result(ZonedDateTime start, ZonedDateTime end, Problem problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private static final Pattern TIME = Pattern.compile("\\d{1,2}(?::\\d{2})?");
    private static final Pattern FULL_DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern SHORT_DATE = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})");

    /** Replacements applied before parsing, longest first: (typed text → canonical sign). */
    private final Map<String, String> replacements = new LinkedHashMap<>();
    /** Relative day words (canonical lower-case) → days from today. */
    private final Map<String, Integer> relativeDays = new LinkedHashMap<>();

    /**
     * @param words the bundle's lists: {@code range}, {@code colon}, {@code month}, {@code day},
     *              {@code hour}, {@code today}, {@code tomorrow}, {@code day_after}; each comma-separated
     */
    TimeWindowParser(Map<String, List<String>> words) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        words.getOrDefault("range", List.of()).forEach(w -> pairs.add(Map.entry(w, "-")));
        words.getOrDefault("colon", List.of()).forEach(w -> pairs.add(Map.entry(w, ":")));
        words.getOrDefault("month", List.of()).forEach(w -> pairs.add(Map.entry(w, "-")));
        words.getOrDefault("day", List.of()).forEach(w -> pairs.add(Map.entry(w, "")));
        words.getOrDefault("hour", List.of()).forEach(w -> pairs.add(Map.entry(w, "")));
        pairs.sort((a, b) -> b.getKey().length() - a.getKey().length());
        pairs.forEach(p -> replacements.put(p.getKey(), p.getValue()));
        words.getOrDefault("today", List.of()).forEach(w -> relativeDays.put(w.toLowerCase(Locale.ROOT), 0));
        words.getOrDefault("tomorrow", List.of()).forEach(w -> relativeDays.put(w.toLowerCase(Locale.ROOT), 1));
        words.getOrDefault("day_after", List.of()).forEach(w -> relativeDays.put(w.toLowerCase(Locale.ROOT), 2));
    }

    Result parse(String typed, Instant now, ZoneId zone) {
        String text = typed.strip().replaceAll("\\s+", " ");
        // relative words may contain spaces (day after tomorrow): turn them into one token first
        for (Map.Entry<String, Integer> word : relativeDays.entrySet()) {
            if (text.toLowerCase(Locale.ROOT).startsWith(word.getKey())) {
                text = "+" + word.getValue() + " " + text.substring(word.getKey().length()).strip();
                break;
            }
        }
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        String[] parts = text.split(" ", 2);
        if (parts.length < 2) {
            return problem(Problem.FORMAT);
        }
        String[] times = parts[1].replace(" ", "").split("-");
        if (times.length != 2 || !TIME.matcher(times[0]).matches() || !TIME.matcher(times[1]).matches()) {
            return problem(Problem.FORMAT);
        }
        ZonedDateTime today = now.atZone(zone);
        LocalDate date;
        try {
            date = date(parts[0], today.toLocalDate());
        } catch (DateTimeException e) {
            return problem(Problem.FORMAT);
        }
        if (date == null) {
            return problem(Problem.FORMAT);
        }
        LocalTime start;
        LocalTime end;
        try {
            start = time(times[0]);
            end = time(times[1]);
        } catch (DateTimeException e) {
            return problem(Problem.FORMAT);
        }
        ZonedDateTime from = date.atTime(start).atZone(zone);
        if (end.equals(start)) {
            return new Result(from, from, Problem.END_NOT_AFTER_START);
        }
        // an end before the start is on the next day: a night shift (22:00-06:00), or one to midnight (20:00-24:00)
        ZonedDateTime to = end.isBefore(start) ? date.plusDays(1).atTime(end).atZone(zone) : date.atTime(end).atZone(zone);
        if (!to.isAfter(from)) {
            return new Result(from, to, Problem.END_NOT_AFTER_START);
        }
        if (Duration.between(from, to).compareTo(Duration.ofHours(24)) > 0) {
            return new Result(from, to, Problem.TOO_LONG);
        }
        if (!from.toInstant().isAfter(now)) {
            return new Result(from, to, Problem.PAST);
        }
        return new Result(from, to, null);
    }

    private static LocalDate date(String token, LocalDate today) {
        if (token.startsWith("+")) {
            return today.plusDays(Integer.parseInt(token.substring(1)));
        }
        Matcher full = FULL_DATE.matcher(token);
        if (full.matches()) {
            return LocalDate.of(Integer.parseInt(full.group(1)), Integer.parseInt(full.group(2)), Integer.parseInt(full.group(3)));
        }
        Matcher yearless = SHORT_DATE.matcher(token.endsWith("-") ? token.substring(0, token.length() - 1) : token);
        if (yearless.matches()) {
            LocalDate date = LocalDate.of(today.getYear(), Integer.parseInt(yearless.group(1)), Integer.parseInt(yearless.group(2)));
            // in December, "01-05" means next January; a date a few months back is simply past
            if (date.isBefore(today) && today.getMonthValue() - date.getMonthValue() >= 6) {
                return date.plusYears(1);
            }
            return date;
        }
        return null;
    }

    private static LocalTime time(String token) {
        String[] parts = token.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (hour == 24 && minute == 0) {
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.of(hour, minute);
    }

    private static Result problem(Problem problem) {
        return new Result(null, null, problem);
    }
}
