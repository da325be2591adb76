package org.muster.hours;

import java.time.LocalDate;

/**
 * One service-hours record: from attendance or reported by the volunteer ({@code self}), for a
 * shift ({@code activityId}) or another activity ({@code description}). {@code reviewedBy} and
 * {@code correctedBy} are Telegram user ids.
 */
record HoursRecord(long id, long volunteerId, Long activityId, String activityTitle, String source, LocalDate date, int minutes,
                   Integer reportedMinutes, String description, String note, String status, Long reviewedBy, String rejectReason,
                   Integer shiftMinutes, Long teamId) {

    boolean pending() {
        return "pending".equals(status);
    }

    boolean approved() {
        return "approved".equals(status);
    }

    /** Longer than its shift: a leader must approve that explicitly. */
    boolean beyondShift() {
        return shiftMinutes != null && minutes > shiftMinutes;
    }

    /** What it was for, as the volunteer and the leader know it. */
    String what() {
        return activityTitle != null ? activityTitle : description;
    }
}
