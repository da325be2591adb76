package org.muster.recruitment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Enrolments. The callers hold the call's row lock ({@link CallRepository#lock}) around every change. */
@Repository
class EnrollmentRepository {

    private static final String COLUMNS = "id, activity_id, volunteer_id, status, position, offered_until";

    private final JdbcClient jdbc;

    EnrollmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Enrollment> of(long activityId, long volunteerId) {
        return jdbc.sql("select " + COLUMNS + " from enrollment where activity_id = :a and volunteer_id = :v")
                .param("a", activityId).param("v", volunteerId).query(EnrollmentRepository::enrollment).optional();
    }

    Optional<Enrollment> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from enrollment where id = :id").param("id", id)
                .query(EnrollmentRepository::enrollment).optional();
    }

    /** Enrols (or re-enrols after leaving) with a fresh place at the end of the line. */
    /**
     * @param arrival the id of the update that asked (Telegram's ids rise in arrival order), so the
     *                waitlist is in the order people tapped; 0 when no update asked (then the order made)
     */
    Enrollment enrol(long activityId, long volunteerId, String status, Instant now, long arrival) {
        return jdbc.sql("""
                        insert into enrollment (activity_id, volunteer_id, status, position, enrolled_at, updated_at)
                        values (:a, :v, :status, case when :arrival > 0 then :arrival else nextval('enrollment_position') end, :now, :now)
                        on conflict (activity_id, volunteer_id) do update set status = excluded.status,
                            position = excluded.position, offered_until = null, enrolled_at = excluded.enrolled_at,
                            updated_at = excluded.updated_at
                        returning id, activity_id, volunteer_id, status, position, offered_until
                        """)
                .param("a", activityId).param("v", volunteerId).param("status", status).param("now", CallRepository.at(now))
                .param("arrival", arrival).query(EnrollmentRepository::enrollment).single();
    }

    void status(long id, String status, Instant now) {
        jdbc.sql("update enrollment set status = :status, offered_until = null, updated_at = :now where id = :id")
                .param("id", id).param("status", status).param("now", CallRepository.at(now)).update();
    }

    void offer(long id, Instant until, Instant now) {
        jdbc.sql("update enrollment set status = 'offered', offered_until = :until, updated_at = :now where id = :id")
                .param("id", id).param("until", CallRepository.at(until)).param("now", CallRepository.at(now)).update();
    }

    /** The first in line on the waitlist. */
    Optional<Enrollment> firstWaiting(long activityId) {
        return jdbc.sql("select " + COLUMNS + " from enrollment where activity_id = :a and status = 'waitlisted' order by position limit 1")
                .param("a", activityId).query(EnrollmentRepository::enrollment).optional();
    }

    /** 1 for the first in line. */
    int waitlistPlace(Enrollment enrollment) {
        return jdbc.sql("select count(*) from enrollment where activity_id = :a and status = 'waitlisted' and position <= :p")
                .param("a", enrollment.activityId()).param("p", enrollment.position()).query(Integer.class).single();
    }

    /** Another active enrolment of the volunteer whose call overlaps the window, if any. */
    Optional<Long> overlapping(long volunteerId, long activityId, Instant starts, Instant ends) {
        return jdbc.sql("""
                        select a.id from enrollment e join activity a on a.id = e.activity_id
                        where e.volunteer_id = :v and e.status in ('confirmed', 'waitlisted', 'offered') and a.status <> 'cancelled'
                          and a.id <> :a and a.starts_at < :ends and a.ends_at > :starts
                        limit 1
                        """)
                .param("v", volunteerId).param("a", activityId).param("starts", CallRepository.at(starts))
                .param("ends", CallRepository.at(ends)).query(Long.class).optional();
    }

    /** Offers whose time ran out, claimed by this transaction. */
    List<Enrollment> claimExpiredOffers(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from enrollment where status = 'offered' and offered_until <= :now "
                        + "order by offered_until limit :limit for update skip locked")
                .param("now", CallRepository.at(now)).param("limit", limit).query(EnrollmentRepository::enrollment).list();
    }

    /** The volunteers with an active place on the call (to tell them of a change). */
    List<Long> activeVolunteers(long activityId) {
        return jdbc.sql("select volunteer_id from enrollment where activity_id = :a and status in ('confirmed', 'waitlisted', 'offered')")
                .param("a", activityId).query(Long.class).list();
    }

    List<Long> confirmedVolunteers(long activityId) {
        return jdbc.sql("select volunteer_id from enrollment where activity_id = :a and status = 'confirmed' order by position")
                .param("a", activityId).query(Long.class).list();
    }

    /** Who belongs on the shift's roster: those with a place, and those marked no-show (a leader may correct that). */
    List<Long> rosterVolunteers(long activityId) {
        return jdbc.sql("select volunteer_id from enrollment where activity_id = :a and status in ('confirmed', 'no_show') order by position")
                .param("a", activityId).query(Long.class).list();
    }

    /** Confirmed volunteers never checked in: they did not come. */
    int markNoShows(long activityId) {
        return jdbc.sql("""
                        update enrollment e set status = 'no_show', updated_at = now()
                        where e.activity_id = :a and e.status = 'confirmed'
                          and not exists (select 1 from attendance t where t.activity_id = e.activity_id
                                          and t.volunteer_id = e.volunteer_id and t.checked_in_at is not null)
                          and not exists (select 1 from hours_report h where h.activity_id = e.activity_id
                                          and h.volunteer_id = e.volunteer_id and h.status = 'approved')
                        """)
                .param("a", activityId).update();
    }

    /** Someone marked as not having come turns out to have come. */
    void cameAfterAll(long activityId, long volunteerId) {
        jdbc.sql("update enrollment set status = 'confirmed', updated_at = now() where activity_id = :a and volunteer_id = :v and status = 'no_show'")
                .param("a", activityId).param("v", volunteerId).update();
    }

    /** A volunteer's active enrolments of calls that have not ended. */
    List<Long> upcomingActivities(long volunteerId, Instant now) {
        return jdbc.sql("""
                        select e.activity_id from enrollment e join activity a on a.id = e.activity_id
                        where e.volunteer_id = :v and e.status in ('confirmed', 'waitlisted', 'offered') and a.ends_at > :now
                          and a.status <> 'cancelled'
                        order by a.starts_at
                        """)
                .param("v", volunteerId).param("now", CallRepository.at(now)).query(Long.class).list();
    }

    private static Enrollment enrollment(ResultSet rs, int row) throws SQLException {
        OffsetDateTime until = rs.getObject("offered_until", OffsetDateTime.class);
        return new Enrollment(rs.getLong("id"), rs.getLong("activity_id"), rs.getLong("volunteer_id"), rs.getString("status"),
                rs.getLong("position"), until == null ? null : until.toInstant());
    }
}
