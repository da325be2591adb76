package org.muster.broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.muster.catalog.Catalog;
import org.muster.conversation.Txt;

/**
 * How many a target reaches now, for a preview: groups, volunteers written to privately, and the
 * groups counted by why they are reached (all calls, each subscribed area, a skill).
 */
public record Reach(int groups, int volunteers, Map<String, Integer> groupsByReason) {

    /** The reason of groups that take every call. */
    static final String ALL_CALLS = "*";
    /** The reason of groups reached by a skill and no area. */
    static final String SKILLS = "#";

    public Reach {
        groupsByReason = Map.copyOf(groupsByReason);
    }

    /** One line per reason (all calls first, then areas in the catalog's order, skills last), or nothing when no group is reached. */
    public Txt lines(Catalog catalog, Locale locale) {
        List<Txt> lines = new ArrayList<>();
        Integer all = groupsByReason.get(ALL_CALLS);
        if (all != null) {
            lines.add(Txt.of("broadcast.reach_all_calls", all));
        }
        groupsByReason.keySet().stream().filter(code -> !code.equals(ALL_CALLS) && !code.equals(SKILLS))
                .sorted(Comparator.comparing((String code) -> catalog.pathName(code, locale)))
                .forEach(code -> lines.add(Txt.of("broadcast.reach_area", Txt.literal(catalog.pathName(code, locale)),
                        groupsByReason.get(code))));
        Integer skills = groupsByReason.get(SKILLS);
        if (skills != null) {
            lines.add(Txt.of("broadcast.reach_skills", skills));
        }
        return lines.isEmpty() ? Txt.literal("") : Txt.of("broadcast.reach_lines", lines);
    }
}
