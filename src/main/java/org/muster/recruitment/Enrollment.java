package org.muster.recruitment;

import java.time.Instant;

/** A volunteer's place on a call. */
public record Enrollment(long id, long activityId, long volunteerId, String status, long position, Instant offeredUntil) {

    public boolean active() {
        return "confirmed".equals(status) || "waitlisted".equals(status) || "offered".equals(status);
    }

    public boolean holdsPlace() {
        return "confirmed".equals(status) || "offered".equals(status);
    }
}
