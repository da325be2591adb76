package org.muster.volunteer;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks and normalises what volunteers type: their name and phone number. */
final class PersonalDetails {

    /** Letters of any script, with the spaces, dots, hyphens and apostrophes names have (incl. the middle dot of 买买提·艾力). */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} ·.'’-]*[\\p{L}\\p{M}.]");
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("(?:\\+?86|0086)?(1[3-9]\\d{9})");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern BARE_MAINLAND = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern BARE_INTERNATIONAL = Pattern.compile("[1-9]\\d{6,14}");

    enum NameProblem { TOO_SHORT, TOO_LONG, NOT_A_NAME }

    private PersonalDetails() {
    }

    /** The name as it will be stored, or why it is not accepted. */
    static Result<String, NameProblem> name(String typed) {
        String name = Normalizer.normalize(SPACES.matcher(typed.strip()).replaceAll(" "), Normalizer.Form.NFC);
        int length = name.codePointCount(0, name.length());
        if (length < 2) {
            return Result.problem(NameProblem.TOO_SHORT);
        }
        if (length > 40) {
            return Result.problem(NameProblem.TOO_LONG);
        }
        if (!NAME.matcher(name).matches()) {
            return Result.problem(NameProblem.NOT_A_NAME);
        }
        return Result.ok(name);
    }

    /**
     * A typed number in E.164 form: a mainland mobile ({@code 1[3-9]} and 9 more digits, with or
     * without +86), or an international number starting with +.
     */
    static Optional<String> typedPhone(String typed) {
        String compact = SEPARATORS.matcher(typed.strip()).replaceAll("");
        var mainland = MAINLAND_MOBILE.matcher(compact);
        if (mainland.matches()) {
            return Optional.of("+86" + mainland.group(1));
        }
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    /** A shared contact's number; Telegram often leaves out the +. */
    static Optional<String> sharedPhone(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(phone.strip()).replaceAll("");
        if (BARE_MAINLAND.matcher(compact).matches()) {
            return Optional.of("+86" + compact);
        }
        if (BARE_INTERNATIONAL.matcher(compact).matches()) {
            compact = "+" + compact;
        }
        return typedPhone(compact);
    }

    /** A value, or the reason there is none. */
    record Result<T, P>(T value, P problem) {
        static <T, P> Result<T, P> ok(T value) {
            return new Result<>(value, null);
        }

        static <T, P> Result<T, P> problem(P problem) {
            return new Result<>(null, problem);
        }

        boolean isOk() {
            return problem == null;
        }
    }
}
