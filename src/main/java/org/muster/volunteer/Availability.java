package org.muster.volunteer;

import java.util.List;

/** When a volunteer can usually serve; a sign-up picks one or more. */
enum Availability {
    WEEKDAYS, WEEKENDS, EVENINGS;

    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static List<String> codes() {
        return java.util.Arrays.stream(values()).map(Availability::code).toList();
    }
}
