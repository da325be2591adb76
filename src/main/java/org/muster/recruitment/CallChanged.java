package org.muster.recruitment;

/**
 * Published inside the transaction that re-timed, closed or cancelled a call, or changed an
 * enrolment; reminders and rosters follow it once that has committed (and after a crash, on the
 * restart: the publication is kept in PostgreSQL until its listeners are done). {@code what}:
 * {@code retimed}, {@code closed}, {@code cancelled}, {@code published}, {@code enrolment};
 * {@code volunteerId} names the one volunteer an enrolment change is about (null: the whole call).
 */
public record CallChanged(long activityId, String what, Long volunteerId) {

    public CallChanged(long activityId, String what) {
        this(activityId, what, null);
    }
}
