package org.muster.checkin;

import org.muster.conversation.Effect;

record SelfCheck(long activityId, boolean out, double latitude, double longitude) implements Effect {

    @Override
    public String toString() {
        return "SelfCheck[call " + activityId + (out ? ", out" : ", in") + "]";
    }
}
