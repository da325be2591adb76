package org.muster.recruitment;

import java.time.Instant;
import java.util.List;

/** A recruitment call: one shift at one site, with a number of places. */
public record Call(long id, String title, String description, String siteName, String siteAddress, Double latitude,
                   Double longitude, String areaCode, Instant startsAt, Instant endsAt, int slots, List<String> skills,
                   String status, boolean targetAll, boolean targetByArea, boolean targetBySkill, boolean targetDirect,
                   long createdBy, long shownVersion, Long teamId) {

    public Call {
        skills = List.copyOf(skills);
    }

    public boolean isOpen() {
        return "open".equals(status);
    }

    public boolean isCancelled() {
        return "cancelled".equals(status);
    }

    /** True when the two windows share some time. */
    public boolean overlaps(Instant start, Instant end) {
        return startsAt.isBefore(end) && endsAt.isAfter(start);
    }
}
