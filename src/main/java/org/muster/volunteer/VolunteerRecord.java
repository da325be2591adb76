package org.muster.volunteer;

import java.util.List;

/** The stored volunteer, phone included: for this package only. */
record VolunteerRecord(long id, String publicId, long userId, String username, String realName, String phone,
                       String areaCode, List<String> skills, List<String> availability, String displayName,
                       List<Integer> reminderOffsets) {

    Volunteer view() {
        return new Volunteer(id, publicId, userId, username, realName, areaCode, skills, availability, displayName, reminderOffsets);
    }

    SignupFlow.Draft draft() {
        return new SignupFlow.Draft(realName, phone, areaCode, skills, availability, true, true, true, "");
    }

    @Override
    public String toString() {
        return "VolunteerRecord[" + id + "]";
    }
}
