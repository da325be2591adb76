package org.muster.hours;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as volunteers type it: {@code 3} and {@code 2.5} (hours), {@code 2h30m}, {@code 1:30},
 * {@code 90 min}, {@code 2 hours 15 minutes}, {@code 2小时30分}, {@code 两个半小时}, {@code 半小时},
 * {@code 45分钟}. Full-width digits are read as digits. Pure.
 */
final class DurationParser {

    static final int MAX_MINUTES = 24 * 60;

    sealed interface Result permits Minutes, Invalid {
    }

    record Minutes(int value) implements Result {
    }

    /** @param reasonKey the bundle key saying what is wrong */
    record Invalid(String reasonKey) implements Result {
    }

    private static final String HOURS = "(?:个)?(?:小时|钟头|钟|时|hours|hour|hrs|hr|h)";
    private static final String MINUTES = "(?:分钟|分|minutes|minute|mins|min|m)";
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):([0-5]\\d)");
    private static final Pattern WITH_UNITS = Pattern.compile(
            "(?:(\\d+(?:\\.\\d+)?)(个半)?" + HOURS + "(半)?)?(?:(\\d+(?:\\.\\d+)?)(" + MINUTES + ")?)?");
    private static final Pattern HALF_HOUR = Pattern.compile("半(?:个)?(?:小时|钟头)|halfanhour|halfhour");

    private DurationParser() {
    }

    static Result parse(String text) {
        if (text == null || text.isBlank()) {
            return new Invalid("hours.duration_unreadable");
        }
        String s = chineseNumerals(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+|and|,", ""));
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

    private static Double read(String s) {
        if (NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s) * 60;
        }
        if (HALF_HOUR.matcher(s).matches()) {
            return 30.0;
        }
        Matcher clock = CLOCK.matcher(s);
        if (clock.matches()) {
            return Integer.parseInt(clock.group(1)) * 60.0 + Integer.parseInt(clock.group(2));
        }
        Matcher units = WITH_UNITS.matcher(s);
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

    /** 两 → 2, 十二 → 12, 二十五 → 25 (the numbers a duration needs); other text is left alone. */
    static String chineseNumerals(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && "零一二两三四五六七八九十".indexOf(s.charAt(j)) >= 0) {
                j++;
            }
            if (j == i) {
                out.append(s.charAt(i++));
                continue;
            }
            out.append(value(s.substring(i, j)));
            i = j;
        }
        return out.toString();
    }

    private static int value(String numeral) {
        int ten = numeral.indexOf('十');
        if (ten < 0) {
            int v = 0;
            for (char c : numeral.toCharArray()) {
                v = v * 10 + digit(c);
            }
            return v;
        }
        int tens = ten == 0 ? 1 : value(numeral.substring(0, ten));
        int ones = ten == numeral.length() - 1 ? 0 : value(numeral.substring(ten + 1));
        return tens * 10 + ones;
    }

    private static int digit(char c) {
        return c == '两' ? 2 : "零一二三四五六七八九".indexOf(c);
    }
}
