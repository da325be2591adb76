package org.muster.team;

import java.util.List;

/** Which recruitment calls a group wants: all, or those in some areas, or those needing some skills. */
public record Subscription(long chatId, boolean allCalls, List<String> areaCodes, List<String> skillCodes) {

    public Subscription {
        areaCodes = List.copyOf(areaCodes);
        skillCodes = List.copyOf(skillCodes);
    }

    public static Subscription none(long chatId) {
        return new Subscription(chatId, false, List.of(), List.of());
    }

    public boolean isEmpty() {
        return !allCalls && areaCodes.isEmpty() && skillCodes.isEmpty();
    }
}
