package org.muster.hours;

import org.muster.conversation.Effect;

/** Reject the record with a typed reason, or a common one (its bundle key, rendered in the volunteer's language). */
record RejectHours(long recordId, Integer card, String reason, String reasonKey) implements Effect {

    @Override
    public String toString() {
        return "RejectHours[" + recordId + "]";
    }
}
