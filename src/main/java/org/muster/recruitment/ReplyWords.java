package org.muster.recruitment;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Whether a reply to a call says I'm in ({@code 报名}, {@code +1}, {@code 接龙}) or I can't come ({@code 取消报名}): the text
 * without case, width and trailing punctuation is one of the configured words; an enrolling word may
 * also begin a longer reply, followed by a space or punctuation ({@code +1 明天见}). Pure.
 */
final class ReplyWords {

    enum Meaning { ENROL, LEAVE, NONE }

    private final List<String> enrol;
    private final List<String> leave;

    ReplyWords(List<String> enrol, List<String> leave) {
        this.enrol = enrol.stream().map(ReplyWords::normal).toList();
        this.leave = leave.stream().map(ReplyWords::normal).toList();
    }

    Meaning meaning(String text) {
        String said = normal(text);
        // leaving takes the exact words ("cancel that, I'm coming" must not take anyone off), and is
        // checked first: a leaving word may contain an enrolling one
        if (leave.contains(said)) {
            return Meaning.LEAVE;
        }
        return matches(said, enrol) ? Meaning.ENROL : Meaning.NONE;
    }

    private static boolean matches(String said, List<String> words) {
        for (String word : words) {
            if (said.equals(word)) {
                return true;
            }
            if (said.startsWith(word) && said.length() > word.length()) {
                char next = said.charAt(word.length());
                if (Character.isWhitespace(next) || isPunctuation(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String normal(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT)
                .replace('’', '\'');
        int end = s.length();
        while (end > 0 && isPunctuation(s.charAt(end - 1)) && s.charAt(end - 1) != '+') {
            end--;
        }
        return s.substring(0, end).strip();
    }

    private static boolean isPunctuation(char c) {
        int type = Character.getType(c);
        // after NFKC full-width signs are ASCII; the ideographic full stop and comma are OTHER_PUNCTUATION
        return c == '~' || type == Character.OTHER_PUNCTUATION || type == Character.END_PUNCTUATION;
    }
}
