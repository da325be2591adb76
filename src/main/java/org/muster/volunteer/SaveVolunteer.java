package org.muster.volunteer;

import java.util.List;

import org.muster.conversation.Effect;

/** Write the volunteer's record: the one write of a sign-up, in one transaction. */
record SaveVolunteer(long userId, String username, String displayName, String realName, String phone, String areaCode,
                     List<String> skills, List<String> availability, String then) implements Effect {

    @Override
    public String toString() {
        return "SaveVolunteer[user " + userId + "]";
    }
}
