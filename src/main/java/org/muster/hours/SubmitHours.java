package org.muster.hours;

import java.time.LocalDate;

import org.muster.conversation.Effect;

/** A volunteer's report: for a shift ({@code activityId}) or another activity ({@code description}). */
record SubmitHours(Long activityId, String description, LocalDate date, int minutes, String note) implements Effect {

    @Override
    public String toString() {
        return "SubmitHours[" + (activityId == null ? "other" : "call " + activityId) + ", " + minutes + " min]";
    }
}
