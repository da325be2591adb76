package org.muster.recruitment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** What reminders and attendance may ask about calls and who is on them. */
@Component
public class Calls {

    private final CallRepository calls;
    private final EnrollmentRepository enrollments;
    private final CallMessages messages;

    Calls(CallRepository calls, EnrollmentRepository enrollments, CallMessages messages) {
        this.calls = calls;
        this.enrollments = enrollments;
        this.messages = messages;
    }

    public Optional<Call> call(long activityId) {
        return calls.byId(activityId);
    }

    public Counts counts(long activityId) {
        return calls.counts(activityId);
    }

    /** Volunteer ids with a confirmed place, in the order they got it. */
    public List<Long> confirmedVolunteers(long activityId) {
        return enrollments.confirmedVolunteers(activityId);
    }

    /** Confirmed volunteers and those marked no-show, in enrolment order. */
    public List<Long> rosterVolunteers(long activityId) {
        return enrollments.rosterVolunteers(activityId);
    }

    /** The volunteer's enrolment on the call, whatever its state. */
    public Optional<Enrollment> enrollment(long activityId, long volunteerId) {
        return enrollments.of(activityId, volunteerId);
    }

    /** The team's shifts that are on at some time today (in the organisation's time zone). */
    /**
     * The team's shifts a roster is for now: those on today, and those that ended within the last day,
     * so that a leader can still correct a no-show of last night's shift.
     */
    public List<Call> ofTeamToday(long teamId, Instant now, ZoneId zone) {
        ZonedDateTime today = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        Instant from = today.toInstant().isBefore(now.minus(java.time.Duration.ofDays(1))) ? today.toInstant()
                : now.minus(java.time.Duration.ofDays(1));
        return calls.ofTeamBetween(teamId, from, today.plusDays(1).toInstant());
    }

    public List<Call> endedBetween(Instant after, Instant before) {
        return calls.endedBetween(after, before);
    }

    /** The volunteer's coming shifts (activity ids). */
    public List<Long> upcomingOf(long volunteerId, Instant now) {
        return enrollments.upcomingActivities(volunteerId, now);
    }

    public int markNoShows(long activityId) {
        return enrollments.markNoShows(activityId);
    }

    public void cameAfterAll(long activityId, long volunteerId) {
        enrollments.cameAfterAll(activityId, volunteerId);
    }

    /** The shift's day and hours, such as {@code 12月1日 周二 08:00–12:00}, in the reader's language. */
    public org.muster.conversation.Txt when(Call call) {
        return messages.when(call);
    }
}
