package org.muster.hours;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.muster.conversation.Numerals;
import org.muster.conversation.Txt;

/**
 * A duration as volunteers type it: {@code 3} and {@code 2.5} (hours), {@code 2h30m}, {@code 1:30},
 * {@code 90 min}, {@code 2 hours 15 minutes}, {@code 2小时30分}, {@code 两个半小时}, {@code 半小时},
 * {@code 45分钟}. The unit words come from the bundles ({@code hours.words.*}); full-width digits are
 * digits, and numerals written as words are numbers (read by the shared {@link Numerals}). A decimal comma is a decimal point
 * ({@code 1,5}, {@code 1，5} and {@code 1点5} are an hour and a half); where a comma could as well
 * mean hours and minutes ({@code 2,30}) or thousands ({@code 1,500}) the answer is asked back, never
 * guessed. Pure.
 */
final class DurationParser {

    static final int MAX_MINUTES = 24 * 60;

    sealed interface Result permits Minutes, Invalid {
    }

    record Minutes(int value) implements Result {
    }

    /** @param reasonKey the bundle key saying what is wrong, {@code args} its arguments */
    record Invalid(String reasonKey, List<Object> args) implements Result {

        Invalid(String reasonKey) {
            this(reasonKey, List.of());
        }

        Txt reason() {
            return Txt.of(reasonKey, args.toArray());
        }
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):([0-5]\\d)");
    /** Digits, a comma, digits: a decimal comma, or hours and minutes, or thousands. */
    private static final Pattern COMMA_NUMBER = Pattern.compile("(\\d+),(\\d+)");
    private final Pattern withUnits;
    private final Pattern halfHour;
    private final Pattern connectors;
    private final Numerals numerals;
    private final Pattern decimalPoint;

    /**
     * @param hourUnits words for hours, longest first where one contains another (个小时 before 小时)
     * @param halfBefore what stands between the number and the hour word to add half an hour (两个半小时)
     * @param halfAfter what follows the hour word to add half an hour (两小时半)
     */
    DurationParser(List<String> hourUnits, List<String> minuteUnits, List<String> halfHours, List<String> halfBefore, List<String> halfAfter,
                   List<String> connectors, Numerals numerals, List<String> decimalPoints) {
        this.numerals = numerals;
        // 1点5: a word for the decimal point between digits
        this.decimalPoint = Pattern.compile("(\\d)(?:" + alternatives(decimalPoints) + ")(\\d)");
        this.connectors = Pattern.compile("\\s+|,|" + alternatives(connectors));
        String hours = alternatives(hourUnits);
        String minutes = alternatives(minuteUnits);
        this.withUnits = Pattern.compile("(?:(\\d+(?:\\.\\d+)?)(" + alternatives(halfBefore) + ")?(?:" + hours + ")(" + alternatives(halfAfter)
                + ")?)?(?:(\\d+(?:\\.\\d+)?)(" + minutes + ")?)?");
        this.halfHour = Pattern.compile(alternatives(halfHours));
    }

    /** Longest first, so that a word is not cut short by a shorter one it begins with. */
    private static String alternatives(List<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT).replaceAll("\\s+", "")).filter(w -> !w.isEmpty())
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElse("(?!)");
    }

    Result parse(String text) {
        if (text == null || text.isBlank()) {
            return new Invalid("hours.duration_unreadable");
        }
        String normal = numerals.toDigits(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "));
        normal = decimalPoint.matcher(normal).replaceAll("$1.$2");
        Matcher comma = COMMA_NUMBER.matcher(normal);
        StringBuilder decimals = new StringBuilder();
        while (comma.find()) {
            String fraction = comma.group(2);
            boolean couldBeMinutes = fraction.length() == 2 && Integer.parseInt(fraction) < 60;
            if (fraction.length() > 2 || couldBeMinutes) {
                return new Invalid("hours.duration_comma", List.of(comma.group()));
            }
            comma.appendReplacement(decimals, "$1.$2");
        }
        comma.appendTail(decimals);
        String s = connectors.matcher(decimals.toString()).replaceAll("");
        Double minutes = read(s);
        if (minutes == null) {
            return new Invalid("hours.duration_unreadable");
        }
        long rounded = Math.round(minutes);
        if (rounded <= 0) {
            return new Invalid("hours.duration_zero");
        }
        if (rounded > MAX_MINUTES) {
            return new Invalid("hours.duration_too_long");
        }
        return new Minutes((int) rounded);
    }

    private Double read(String s) {
        if (NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s) * 60;
        }
        if (halfHour.matcher(s).matches()) {
            return 30.0;
        }
        Matcher clock = CLOCK.matcher(s);
        if (clock.matches()) {
            return Integer.parseInt(clock.group(1)) * 60.0 + Integer.parseInt(clock.group(2));
        }
        Matcher units = withUnits.matcher(s);
        // minutes without their unit only after hours ("2h30"); a bare number is hours, read above
        if (s.isEmpty() || !units.matches() || (units.group(1) == null && units.group(4) == null)
                || (units.group(1) == null && units.group(5) == null)) {
            return null;
        }
        double total = 0;
        if (units.group(1) != null) {
            total += Double.parseDouble(units.group(1)) * 60;
            if (units.group(2) != null || units.group(3) != null) {
                total += 30;
            }
        }
        if (units.group(4) != null) {
            total += Double.parseDouble(units.group(4));
        }
        return total;
    }
}
