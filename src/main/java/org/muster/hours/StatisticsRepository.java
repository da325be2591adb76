package org.muster.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only figures across the records of every feature, for /stats and the API. */
@Repository
class StatisticsRepository {

    record OpenCall(long id, String title, Instant startsAt, int taken, int slots) {
    }

    record TeamMinutes(String team, int weekMinutes, int monthMinutes) {
    }

    private final JdbcClient jdbc;

    StatisticsRepository(ReportingReads reads) {
        this.jdbc = reads.jdbc();
    }

    int volunteers() {
        return jdbc.sql("select count(*) from volunteer where forgotten_at is null").query(Integer.class).single();
    }

    Map<String, Integer> volunteersByArea() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select area_code, count(*) from volunteer where forgotten_at is null and area_code is not null group by area_code")
                .query((rs, i) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    Map<String, Integer> volunteersBySkill() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select s, count(*) from volunteer v, unnest(v.skills) s where v.forgotten_at is null
                        group by s order by count(*) desc, s
                        """)
                .query((rs, i) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    /** Volunteers who checked in somewhere or had hours recorded since {@code since}. */
    int active(Instant since, LocalDate sinceDay) {
        return jdbc.sql("""
                        select count(*) from volunteer v where v.forgotten_at is null and (
                            exists (select 1 from attendance t where t.volunteer_id = v.id and t.checked_in_at >= :since)
                            or exists (select 1 from hours_report h where h.volunteer_id = v.id and h.activity_date >= :day
                                       and h.status <> 'rejected'))
                        """)
                .param("since", at(since)).param("day", sinceDay).query(Integer.class).single();
    }

    List<OpenCall> openCalls(Instant now, int limit) {
        return jdbc.sql("""
                        select a.id, a.title, a.starts_at, (select count(*) from enrollment e where e.activity_id = a.id and e.status = 'confirmed'),
                               a.slots
                        from activity a where a.status = 'open' and a.ends_at > :now order by a.starts_at limit :limit
                        """)
                .param("now", at(now)).param("limit", limit)
                .query((rs, i) -> new OpenCall(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getInt(4), rs.getInt(5)))
                .list();
    }

    int openCallCount(Instant now) {
        return jdbc.sql("select count(*) from activity where status = 'open' and ends_at > :now").param("now", at(now))
                .query(Integer.class).single();
    }

    /** Approved minutes by the team that ran the shift (other activities under no team: {@code team} null). */
    List<TeamMinutes> minutesByTeam(LocalDate weekStart, LocalDate monthStart) {
        return jdbc.sql("""
                        select t.name,
                               coalesce(sum(h.minutes) filter (where h.activity_date >= :week), 0),
                               coalesce(sum(h.minutes) filter (where h.activity_date >= :month), 0)
                        from hours_report h left join activity a on a.id = h.activity_id left join team t on t.id = a.team_id
                        where h.status = 'approved' and h.activity_date >= least(:week, :month)
                        group by t.name order by 3 desc, t.name nulls last
                        """)
                .param("week", weekStart).param("month", monthStart)
                .query((rs, i) -> new TeamMinutes(rs.getString(1), rs.getInt(2), rs.getInt(3))).list();
    }

    record MonthMinutes(String team, LocalDate month, int minutes) {
    }

    record DayFill(LocalDate day, int taken, int slots) {
    }

    /** Approved minutes by team (null: no team) and month, for the months from {@code from}'s on. */
    List<MonthMinutes> minutesByTeamAndMonth(LocalDate from) {
        return jdbc.sql("""
                        select t.name, date_trunc('month', h.activity_date)::date, sum(h.minutes)
                        from hours_report h left join activity a on a.id = h.activity_id left join team t on t.id = a.team_id
                        where h.status = 'approved' and h.activity_date >= :from
                        group by 1, 2 order by 2, 1 nulls last
                        """)
                .param("from", from.withDayOfMonth(1))
                .query((rs, i) -> new MonthMinutes(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3))).list();
    }

    /** Places taken and offered on the calls starting each day between {@code from} and {@code to} (not cancelled). */
    List<DayFill> fillByDay(Instant from, Instant to, java.time.ZoneId zone) {
        return jdbc.sql("""
                        select (a.starts_at at time zone :zone)::date,
                               sum((select count(*) from enrollment e where e.activity_id = a.id and e.status in ('confirmed', 'offered', 'no_show'))),
                               sum(a.slots)
                        from activity a
                        where a.starts_at >= :from and a.starts_at < :to and a.status <> 'cancelled'
                        group by 1 order by 1
                        """)
                .param("zone", zone.getId()).param("from", at(from)).param("to", at(to))
                .query((rs, i) -> new DayFill(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3))).list();
    }

    /**
     * Of the places on shifts that ended since {@code since}: [no-shows, all places]. Someone marked
     * no-show who was checked in after all, or whose hours for the shift were approved, came.
     */
    int[] noShows(Instant since, Instant now) {
        return jdbc.sql("""
                        select count(*) filter (where e.status = 'no_show'
                                   and not exists (select 1 from attendance t where t.activity_id = e.activity_id
                                                   and t.volunteer_id = e.volunteer_id and t.checked_in_at is not null)
                                   and not exists (select 1 from hours_report h where h.activity_id = e.activity_id
                                                   and h.volunteer_id = e.volunteer_id and h.status = 'approved')),
                               count(*)
                        from enrollment e join activity a on a.id = e.activity_id
                        where e.status in ('confirmed', 'no_show') and a.ends_at >= :since and a.ends_at <= :now and a.status <> 'cancelled'
                        """)
                .param("since", at(since)).param("now", at(now))
                .query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
