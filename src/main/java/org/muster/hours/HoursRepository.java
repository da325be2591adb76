package org.muster.hours;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HoursRepository {

    /** A shift the volunteer held a place on, with its length. */
    record Shift(long activityId, String title, Instant startsAt, Instant endsAt) {

        int minutes() {
            return (int) java.time.Duration.between(startsAt, endsAt).toMinutes();
        }
    }

    private static final String RECORD = """
            select h.id, h.volunteer_id, h.activity_id, a.title, h.source, h.activity_date, h.minutes, h.reported_minutes,
                   h.description, h.note, h.status, h.reviewed_by, h.reject_reason,
                   (extract(epoch from (a.ends_at - a.starts_at)) / 60)::int as shift_minutes, a.team_id
            from hours_report h left join activity a on a.id = h.activity_id
            """;

    private final JdbcClient jdbc;

    HoursRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static HoursRecord record(ResultSet rs, int row) throws SQLException {
        return new HoursRecord(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getInt(7), (Integer) rs.getObject(8), rs.getString(9), rs.getString(10),
                rs.getString(11), (Long) rs.getObject(12), rs.getString(13), (Integer) rs.getObject(14), (Long) rs.getObject(15));
    }

    Optional<HoursRecord> byId(long id) {
        return jdbc.sql(RECORD + " where h.id = :id").param("id", id).query(HoursRepository::record).optional();
    }

    /** Locks the record for a review or a correction. */
    Optional<HoursRecord> lock(long id) {
        return jdbc.sql(RECORD + " where h.id = :id for update of h").param("id", id).query(HoursRepository::record).optional();
    }

    /** Shifts that started since {@code from} on which the volunteer held a place and has no record yet. */
    List<Shift> unrecordedShifts(long volunteerId, Instant from, Instant now) {
        return jdbc.sql("""
                        select a.id, a.title, a.starts_at, a.ends_at from enrollment e join activity a on a.id = e.activity_id
                        where e.volunteer_id = :v and e.status in ('confirmed', 'no_show') and a.status <> 'cancelled'
                          and a.starts_at >= :from and a.starts_at <= :now
                          and not exists (select 1 from hours_report h where h.volunteer_id = e.volunteer_id
                                          and h.activity_id = a.id and h.status <> 'rejected')
                        order by a.starts_at desc limit 8
                        """)
                .param("v", volunteerId).param("from", at(from)).param("now", at(now))
                .query((rs, i) -> new Shift(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    Optional<Shift> heldShift(long volunteerId, long activityId) {
        return jdbc.sql("""
                        select a.id, a.title, a.starts_at, a.ends_at from enrollment e join activity a on a.id = e.activity_id
                        where e.volunteer_id = :v and e.activity_id = :a and e.status in ('confirmed', 'no_show') and a.status <> 'cancelled'
                        """)
                .param("v", volunteerId).param("a", activityId)
                .query((rs, i) -> new Shift(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Of these volunteers, those without a record of the shift (pending or approved). */
    List<Long> unrecorded(long activityId, java.util.Collection<Long> volunteerIds) {
        if (volunteerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select v from unnest(:ids) v
                        where not exists (select 1 from hours_report h where h.activity_id = :a and h.volunteer_id = v and h.status <> 'rejected')
                        """)
                .param("ids", volunteerIds.toArray(Long[]::new)).param("a", activityId).query(Long.class).list();
    }

    /** True for the one instance that may ask the shift's group for hours. */
    boolean claimHoursPrompt(long activityId) {
        return jdbc.sql("insert into hours_prompt (activity_id) values (:a) on conflict do nothing").param("a", activityId).update() == 1;
    }

    /** The group could not be asked: another round may try. */
    void releaseHoursPrompt(long activityId) {
        jdbc.sql("delete from hours_prompt where activity_id = :a").param("a", activityId).update();
    }

    boolean recorded(long volunteerId, long activityId) {
        return jdbc.sql("select exists (select 1 from hours_report where volunteer_id = :v and activity_id = :a and status <> 'rejected')")
                .param("v", volunteerId).param("a", activityId).query(Boolean.class).single();
    }

    /** A report the volunteer made themselves for the shift that no one has reviewed yet: it may still be replaced. */
    Optional<Report> pendingOwnReport(long volunteerId, long activityId) {
        return jdbc.sql("""
                        select id, minutes from hours_report
                        where volunteer_id = :v and activity_id = :a and source = 'self' and status = 'pending'
                        """)
                .param("v", volunteerId).param("a", activityId).query((rs, i) -> new Report(rs.getLong(1), rs.getInt(2))).optional();
    }

    record Report(long id, int minutes) {
    }

    /** The volunteer's own correction of a report still pending; false once a leader decided on it. */
    boolean replaceMinutes(long id, int minutes) {
        return jdbc.sql("update hours_report set minutes = :m, reported_minutes = :m, updated_at = now() where id = :id and status = 'pending'")
                .param("id", id).param("m", minutes).update() == 1;
    }

    /** Minutes already recorded (pending or approved) for the day; serialised per volunteer by {@link #lockVolunteer}. */
    int dayTotal(long volunteerId, LocalDate date) {
        return jdbc.sql("select coalesce(sum(minutes), 0) from hours_report where volunteer_id = :v and activity_date = :d and status <> 'rejected'")
                .param("v", volunteerId).param("d", date).query(Integer.class).single();
    }

    /** Two reports of one volunteer at once must not both pass the 24-hours-a-day check. */
    void lockVolunteer(long volunteerId) {
        jdbc.sql("select id from volunteer where id = :v for update").param("v", volunteerId).query(Long.class).optional();
    }

    long insertReport(long volunteerId, Long activityId, String description, LocalDate date, int minutes, String note) {
        return jdbc.sql("""
                        insert into hours_report (volunteer_id, activity_id, source, activity_date, minutes, reported_minutes, description,
                                                  note, status)
                        values (:v, :a, 'self', :d, :m, :m, :description, :note, 'pending')
                        returning id
                        """)
                .param("v", volunteerId).param("a", activityId).param("d", date).param("m", minutes)
                .param("description", description).param("note", note)
                .query(Long.class).single();
    }

    boolean approve(long id, long by, int minutes, Instant now) {
        return jdbc.sql("""
                        update hours_report set status = 'approved', minutes = :m, reviewed_by = :by, reviewed_at = :now, updated_at = :now
                        where id = :id and status = 'pending'
                        """)
                .param("id", id).param("by", by).param("m", minutes).param("now", at(now)).update() == 1;
    }

    boolean reject(long id, long by, String reason, Instant now) {
        return jdbc.sql("""
                        update hours_report set status = 'rejected', reviewed_by = :by, reviewed_at = :now, reject_reason = :reason,
                            updated_at = :now
                        where id = :id and status = 'pending'
                        """)
                .param("id", id).param("by", by).param("reason", reason).param("now", at(now)).update() == 1;
    }

    boolean correct(long id, long by, int minutes, Instant now) {
        return jdbc.sql("""
                        update hours_report set minutes = :m, corrected_by = :by, corrected_at = :now, updated_at = :now
                        where id = :id and status = 'approved'
                        """)
                .param("id", id).param("by", by).param("m", minutes).param("now", at(now)).update() == 1;
    }

    /**
     * Pending records a reviewer may decide: of shifts run by their teams, and other activities of
     * their teams' members; all of them for a coordinator ({@code teamIds} null).
     */
    List<HoursRecord> pending(Collection<Long> teamIds, int limit) {
        if (teamIds == null) {
            return jdbc.sql(RECORD + " where h.status = 'pending' order by h.created_at limit :limit")
                    .param("limit", limit).query(HoursRepository::record).list();
        }
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(RECORD + """
                         where h.status = 'pending'
                           and (a.team_id = any(:teams)
                                or (h.activity_id is null and exists (select 1 from team_member m
                                                                      where m.volunteer_id = h.volunteer_id and m.team_id = any(:teams))))
                         order by h.created_at limit :limit
                        """)
                .param("teams", teamIds.toArray(Long[]::new)).param("limit", limit).query(HoursRepository::record).list();
    }

    int pendingCount(Collection<Long> teamIds) {
        if (teamIds == null) {
            return jdbc.sql("select count(*) from hours_report where status = 'pending'").query(Integer.class).single();
        }
        if (teamIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        select count(*) from hours_report h left join activity a on a.id = h.activity_id
                        where h.status = 'pending'
                          and (a.team_id = any(:teams)
                               or (h.activity_id is null and exists (select 1 from team_member m
                                                                     where m.volunteer_id = h.volunteer_id and m.team_id = any(:teams))))
                        """)
                .param("teams", teamIds.toArray(Long[]::new)).query(Integer.class).single();
    }

    /** A volunteer's figures for /myhours. */
    record Totals(int approvedMinutes, int monthMinutes, int pendingCount, int pendingMinutes) {
    }

    Totals totals(long volunteerId, LocalDate monthStart) {
        return jdbc.sql("""
                        select coalesce(sum(minutes) filter (where status = 'approved'), 0),
                               coalesce(sum(minutes) filter (where status = 'approved' and activity_date >= :month), 0),
                               count(*) filter (where status = 'pending'),
                               coalesce(sum(minutes) filter (where status = 'pending'), 0)
                        from hours_report where volunteer_id = :v
                        """)
                .param("v", volunteerId).param("month", monthStart)
                .query((rs, i) -> new Totals(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
    }

    List<HoursRecord> latest(long volunteerId, int limit) {
        return jdbc.sql(RECORD + " where h.volunteer_id = :v order by h.activity_date desc, h.id desc limit :limit")
                .param("v", volunteerId).param("limit", limit).query(HoursRepository::record).list();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** An erasure: the records stay; who reviewed or corrected them is not kept. */
    void forgetReviewer(long userId) {
        jdbc.sql("update hours_report set reviewed_by = null where reviewed_by = :user").param("user", userId).update();
        jdbc.sql("update hours_report set corrected_by = null where corrected_by = :user").param("user", userId).update();
    }
}
