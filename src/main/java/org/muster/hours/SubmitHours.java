package org.muster.hours;

import java.time.LocalDate;

import org.muster.conversation.Effect;

/**
 * A volunteer's report: for a shift ({@code activityId}) or another activity ({@code description});
 * {@code inGroup} when answered in the team's group, where the confirmation is one short line.
 */
record SubmitHours(Long activityId, String description, LocalDate date, int minutes, String note, boolean inGroup) implements Effect {

    @Override
    public String toString() {
        return "SubmitHours[" + (activityId == null ? "other" : "call " + activityId) + ", " + minutes + " min]";
    }
}
