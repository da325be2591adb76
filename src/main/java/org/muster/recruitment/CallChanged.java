package org.muster.recruitment;

/**
 * Published after a call was re-timed, closed or cancelled, or an enrolment changed; reminders
 * and rosters follow it. {@code what}: {@code retimed}, {@code closed}, {@code cancelled}, {@code enrolment}.
 */
public record CallChanged(long activityId, String what) {
}
