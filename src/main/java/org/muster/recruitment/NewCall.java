package org.muster.recruitment;

import java.time.Instant;
import java.util.List;

/**
 * A recruitment call made outside the /recruit conversation (the sandbox's demo scene, an import):
 * it reaches the groups subscribed to its area, like a call made in the conversation by default.
 */
public record NewCall(String title, String description, String siteName, Double latitude, Double longitude, String areaCode,
                      Instant startsAt, Instant endsAt, int slots, List<String> skills, Long teamId) {

    public NewCall {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    RecruitFlow.Draft draft() {
        return new RecruitFlow.Draft(title, description, siteName, null, latitude, longitude, areaCode, startsAt, endsAt, slots, skills,
                false, true, false, false, true, teamId);
    }
}
