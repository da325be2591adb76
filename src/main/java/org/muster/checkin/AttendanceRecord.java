package org.muster.checkin;

import java.time.Instant;

/** Who was there on a shift, and how that is known. */
record AttendanceRecord(long id, long activityId, long volunteerId, Instant checkedInAt, Long checkedInBy, String checkInHow,
                        Instant checkedOutAt, Long checkedOutBy, String checkOutHow, Integer minutes) {

    boolean in() {
        return checkedInAt != null && checkedOutAt == null;
    }

    boolean out() {
        return checkedOutAt != null;
    }
}
