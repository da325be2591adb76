package org.muster.broadcast;

import java.util.List;

/**
 * Who a broadcast reaches. Groups: every group that wants any calls ({@code allGroups}), or those
 * whose subscription takes all calls or matches the area ({@code byArea}) or one of the skills
 * ({@code bySkills}). Volunteers ({@code direct}): those who asked for matching calls privately,
 * whose area overlaps {@code areaCode} and who have every one of {@code skills}.
 */
public record Target(boolean allGroups, boolean byArea, boolean bySkills, boolean direct, String areaCode, List<String> skills) {

    public Target {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    public boolean reachesNobody() {
        return !allGroups && !byArea && !bySkills && !direct;
    }
}
