package org.muster.checkin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AttendanceRepository {

    private static final String COLUMNS = """
            id, activity_id, volunteer_id, checked_in_at, checked_in_by, check_in_how, checked_out_at, checked_out_by,
            check_out_how, minutes""";

    private final JdbcClient jdbc;

    AttendanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AttendanceRecord> of(long activityId, long volunteerId) {
        return jdbc.sql("select " + COLUMNS + " from attendance where activity_id = :a and volunteer_id = :v")
                .param("a", activityId).param("v", volunteerId).query(AttendanceRepository::record).optional();
    }

    Optional<AttendanceRecord> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from attendance where id = :id").param("id", id)
                .query(AttendanceRepository::record).optional();
    }

    List<AttendanceRecord> ofActivity(long activityId) {
        return jdbc.sql("select " + COLUMNS + " from attendance where activity_id = :a").param("a", activityId)
                .query(AttendanceRepository::record).list();
    }

    /**
     * Checks in (again, after an undo). Only a member not checked in: of two paths at once (a roster
     * button and a reply, two instances) one checks in and the other finds it done. Empty: was in already.
     */
    Optional<AttendanceRecord> checkIn(long activityId, long volunteerId, Instant at, long by, String how) {
        return jdbc.sql("""
                        insert into attendance (activity_id, volunteer_id, checked_in_at, checked_in_by, check_in_how)
                        values (:a, :v, :at, :by, :how)
                        on conflict (activity_id, volunteer_id) do update set checked_in_at = excluded.checked_in_at,
                            checked_in_by = excluded.checked_in_by, check_in_how = excluded.check_in_how,
                            checked_out_at = null, checked_out_by = null, check_out_how = null, minutes = null, updated_at = now()
                        where attendance.checked_in_at is null
                        returning
                        """ + COLUMNS)
                .param("a", activityId).param("v", volunteerId).param("at", at(at)).param("by", by).param("how", how)
                .query(AttendanceRepository::record).optional();
    }

    /** Undoes a check-in (and the check-out after it); false when it was undone already. */
    boolean undoCheckIn(long id) {
        return jdbc.sql("""
                        update attendance set checked_in_at = null, checked_in_by = null, check_in_how = null,
                            checked_out_at = null, checked_out_by = null, check_out_how = null, minutes = null, updated_at = now()
                        where id = :id and checked_in_at is not null
                        """)
                .param("id", id).update() == 1;
    }

    /** Checks out a member who is in and not out yet: the automatic check-out never overwrites a leader's. */
    Optional<AttendanceRecord> checkOut(long id, Instant at, long by, String how, int minutes) {
        return jdbc.sql("""
                        update attendance set checked_out_at = :at, checked_out_by = :by, check_out_how = :how, minutes = :minutes,
                            updated_at = now()
                        where id = :id and checked_in_at is not null and checked_out_at is null
                        returning
                        """ + COLUMNS)
                .param("id", id).param("at", at(at)).param("by", by).param("how", how).param("minutes", minutes)
                .query(AttendanceRepository::record).optional();
    }

    /** Undoes a check-out; false when there was none (any more). */
    boolean undoCheckOut(long id) {
        return jdbc.sql("""
                        update attendance set checked_out_at = null, checked_out_by = null, check_out_how = null, minutes = null,
                            updated_at = now()
                        where id = :id and checked_out_at is not null
                        """)
                .param("id", id).update() == 1;
    }

    void minutes(long id, int minutes) {
        jdbc.sql("update attendance set minutes = :minutes, updated_at = now() where id = :id").param("id", id).param("minutes", minutes).update();
    }

    /** Still checked in on shifts that have ended. */
    List<AttendanceRecord> openAfterEnd(Instant now) {
        return jdbc.sql("select t.id, t.activity_id, t.volunteer_id, t.checked_in_at, t.checked_in_by, t.check_in_how, t.checked_out_at, "
                        + "t.checked_out_by, t.check_out_how, t.minutes from attendance t join activity a on a.id = t.activity_id "
                        + "where t.checked_in_at is not null and t.checked_out_at is null and a.ends_at <= :now")
                .param("now", at(now)).query(AttendanceRepository::record).list();
    }

    private static AttendanceRecord record(ResultSet rs, int row) throws SQLException {
        return new AttendanceRecord(rs.getLong("id"), rs.getLong("activity_id"), rs.getLong("volunteer_id"),
                instant(rs, "checked_in_at"), rs.getObject("checked_in_by", Long.class), rs.getString("check_in_how"),
                instant(rs, "checked_out_at"), rs.getObject("checked_out_by", Long.class), rs.getString("check_out_how"),
                rs.getObject("minutes", Integer.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** An erasure: the records stay; who checked whom in or out is not kept. */
    void forgetActor(long userId) {
        jdbc.sql("update attendance set checked_in_by = null where checked_in_by = :user").param("user", userId).update();
        jdbc.sql("update attendance set checked_out_by = null where checked_out_by = :user").param("user", userId).update();
    }
}
