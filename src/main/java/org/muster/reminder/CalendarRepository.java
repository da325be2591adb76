package org.muster.reminder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shifts a volunteer's calendar shows, and the tokens of their subscriptions. */
@Repository
class CalendarRepository {

    /**
     * A shift of the volunteer: {@code cancelled} when the call was cancelled or they left it (their
     * calendar then removes it); {@code enrolment} identifies it for good, as the event's UID.
     */
    record Shift(long enrolment, long activityId, String title, String siteName, String siteAddress, Double latitude, Double longitude,
                 Instant startsAt, Instant endsAt, boolean cancelled, Instant changedAt) {
    }

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Confirmed places and those given up, of shifts that end after {@code since}; waitlisted and offered ones are not shifts yet. */
    List<Shift> shiftsOf(long volunteerId, Instant since) {
        return jdbc.sql("""
                        select e.id, a.id, a.title, a.site_name, a.site_address, a.site_latitude, a.site_longitude, a.starts_at, a.ends_at,
                               (a.status = 'cancelled' or e.status = 'cancelled') as cancelled,
                               greatest(e.updated_at, a.updated_at) as changed
                        from enrollment e join activity a on a.id = e.activity_id
                        where e.volunteer_id = :v and e.status in ('confirmed', 'no_show', 'cancelled') and a.ends_at > :since
                        order by a.starts_at, a.id
                        """)
                .param("v", volunteerId).param("since", at(since)).query(CalendarRepository::shift).list();
    }

    private static Shift shift(ResultSet rs, int row) throws SQLException {
        return new Shift(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getObject(8, OffsetDateTime.class).toInstant(),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getBoolean(10),
                rs.getObject(11) == null ? null : rs.getObject(11, OffsetDateTime.class).toInstant());
    }

    Optional<String> token(long volunteerId) {
        return jdbc.sql("select token from calendar_feed where volunteer_id = :v").param("v", volunteerId).query(String.class).optional();
    }

    /** The volunteer's token: the one they have, else {@code fresh}, kept. */
    String tokenOrNew(long volunteerId, String fresh, Instant now) {
        jdbc.sql("insert into calendar_feed (volunteer_id, token, created_at) values (:v, :t, :now) on conflict (volunteer_id) do nothing")
                .param("v", volunteerId).param("t", fresh).param("now", at(now)).update();
        return token(volunteerId).orElseThrow();
    }

    /** A new token in place of the old one, which then opens nothing. */
    void replace(long volunteerId, String fresh, Instant now) {
        jdbc.sql("""
                        insert into calendar_feed (volunteer_id, token, created_at) values (:v, :t, :now)
                        on conflict (volunteer_id) do update set token = excluded.token, created_at = excluded.created_at
                        """)
                .param("v", volunteerId).param("t", fresh).param("now", at(now)).update();
    }

    Optional<Long> volunteerOf(String token) {
        return jdbc.sql("select volunteer_id from calendar_feed where token = :t").param("t", token).query(Long.class).optional();
    }

    void forget(long volunteerId) {
        jdbc.sql("delete from calendar_feed where volunteer_id = :v").param("v", volunteerId).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
