package org.muster.conversation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;

/**
 * Numbers as people type them, for every feature that reads one: full-width digits ({@code ３０}) are
 * digits, and numerals written as words are numbers: {@code 二十}, {@code 十五}, {@code 一百},
 * {@code 两百五十}, {@code 一百零五}, {@code 两百五} (250, as it is said), {@code 一万}. The words
 * come from the bundles ({@code numerals.*}: digits zero to nine in order, other ways of writing
 * two, and the words for ten, hundred, thousand and ten thousand), so this class holds no
 * language. Pure and immutable.
 */
public final class Numerals {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private final Map<Character, Integer> digits = new HashMap<>();
    private final Map<Character, Integer> units = new HashMap<>();
    private final List<String> counters;

    /**
     * @param digits   the words for zero to nine, in order (one character each)
     * @param two      other ways of writing two (两)
     * @param ten      the words for ten, hundred, thousand, ten thousand: index i is 10^(i+1), 10000 last
     * @param counters measure words that may follow a count (个, 位)
     */
    public Numerals(List<String> digits, List<String> two, List<List<String>> ten, List<String> counters) {
        for (int i = 0; i < digits.size(); i++) {
            if (digits.get(i).length() == 1) {
                this.digits.put(digits.get(i).charAt(0), i);
            }
        }
        two.stream().filter(w -> w.length() == 1).forEach(w -> this.digits.put(w.charAt(0), 2));
        int[] values = {10, 100, 1000, 10000};
        for (int i = 0; i < Math.min(ten.size(), values.length); i++) {
            int value = values[i];
            ten.get(i).stream().filter(w -> w.length() == 1).forEach(w -> units.put(w.charAt(0), value));
        }
        this.counters = counters.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Numerals from(MessageSource messages) {
        return new Numerals(BundleWords.of(messages, "numerals.digits"), BundleWords.of(messages, "numerals.two"),
                List.of(BundleWords.of(messages, "numerals.ten"), BundleWords.of(messages, "numerals.hundred"),
                        BundleWords.of(messages, "numerals.thousand"), BundleWords.of(messages, "numerals.ten_thousand")),
                BundleWords.of(messages, "numerals.counters"));
    }

    /** The words of the application's bundles, for tests and tools that run without Spring. */
    public static Numerals fromBundles() {
        return from(BundleWords.bundles("messages"));
    }

    /** Full-width forms to their plain ones (NFKC), lower case, and each numeral written as words to its digits; other text stays. */
    public String toDigits(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && isNumeral(s.charAt(j))) {
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

    /**
     * A count (places, people): a whole number, in digits or words, perhaps followed by a measure word
     * or one of {@code units} (人, people), in any order ({@code 二十个}, {@code 20人}, {@code 30 people}).
     * Empty when it is anything else.
     */
    public OptionalInt count(String typed, List<String> unitWords) {
        if (typed == null) {
            return OptionalInt.empty();
        }
        List<String> trailing = new ArrayList<>(counters);
        unitWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).forEach(trailing::add);
        trailing.sort(Comparator.comparingInt(String::length).reversed());
        String s = toDigits(typed).toLowerCase(Locale.ROOT).strip();
        boolean cut = true;
        while (cut) {
            cut = false;
            for (String word : trailing) {
                if (!word.isEmpty() && s.endsWith(word) && s.length() > word.length()) {
                    s = s.substring(0, s.length() - word.length()).strip();
                    cut = true;
                }
            }
        }
        if (!DIGITS.matcher(s).matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(s));
    }

    private boolean isNumeral(char c) {
        return digits.containsKey(c) || units.containsKey(c);
    }

    /** One run of numeral characters: digits alone are read digit by digit (二五 is 25), units multiply. */
    private long value(String numeral) {
        long total = 0;
        long section = 0;
        long digit = -1;
        int lastUnit = 0;
        boolean zero = false;
        for (char c : numeral.toCharArray()) {
            Integer d = digits.get(c);
            if (d != null) {
                zero = zero || (d == 0 && lastUnit > 0);
                digit = (digit < 0 ? 0 : digit * 10) + d;
                continue;
            }
            int unit = units.get(c);
            if (unit == 10000) {
                section += Math.max(0, digit);
                total += (section == 0 ? 1 : section) * 10000;
                section = 0;
            } else {
                section += (digit < 0 ? 1 : digit) * unit;
            }
            digit = -1;
            lastUnit = unit;
            zero = false;
        }
        if (digit >= 0 && digit < 10 && lastUnit >= 100 && lastUnit < 10000 && !zero) {
            // 两百五 is 250 and 一千二 is 1200: a digit right after a unit counts in the next unit down
            return total + section + digit * (lastUnit / 10);
        }
        return total + section + Math.max(0, digit);
    }
}
