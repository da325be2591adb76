package org.muster.hours;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Approved hours for an export, with what a volunteer office's spreadsheet needs. */
@Repository
class ExportRepository {

    /**
     * One approved record. {@code name} is null for a volunteer who asked to be forgotten; {@code approvedBy}
     * is the name of whoever approved it (the reviewer, or the leader who checked the volunteer out).
     */
    record Row(long recordId, String volunteer, String name, String team, String activity, LocalDate date, int minutes, String source,
               String approvedBy, OffsetDateTime approvedAt) {
    }

    private final JdbcClient jdbc;

    ExportRepository(ReportingReads reads) {
        this.jdbc = reads.jdbc();
    }

    /**
     * @param teamId only shifts this team ran, and other activities of its members; null for all
     * @param areaCodes only shifts in these areas, and other activities of volunteers living there; null for all
     */
    List<Row> approved(LocalDate from, LocalDate to, Long teamId, Collection<String> areaCodes) {
        return jdbc.sql("""
                        select h.id, v.public_id, v.real_name,
                               coalesce(t.name, (select string_agg(t2.name, ' / ' order by t2.name) from team_member m
                                                 join team t2 on t2.id = m.team_id where m.volunteer_id = v.id)),
                               coalesce(a.title, h.description), h.activity_date, h.minutes, h.source,
                               approver.real_name, coalesce(h.reviewed_at, att.checked_out_at)
                        from hours_report h
                        join volunteer v on v.id = h.volunteer_id
                        left join activity a on a.id = h.activity_id
                        left join team t on t.id = a.team_id
                        left join attendance att on h.source = 'attendance' and att.activity_id = h.activity_id
                                                    and att.volunteer_id = h.volunteer_id
                        left join lateral (
                            select r.real_name from volunteer r
                            where r.telegram_user_id = coalesce(h.reviewed_by,
                                case when att.check_out_how = 'automatic' then att.checked_in_by else att.checked_out_by end)
                        ) approver on true
                        where h.status = 'approved' and h.activity_date between :from and :to
                          and (:allTeams or a.team_id = :team
                               or (h.activity_id is null and exists (select 1 from team_member m
                                                                     where m.volunteer_id = v.id and m.team_id = :team)))
                          and (:allAreas or coalesce(a.area_code, v.area_code) = any(:areas))
                        order by h.activity_date, h.id
                        """)
                .param("from", from).param("to", to)
                .param("allTeams", teamId == null).param("team", teamId == null ? -1L : teamId)
                .param("allAreas", areaCodes == null).param("areas", areaCodes == null ? new String[0] : areaCodes.toArray(String[]::new))
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class)))
                .list();
    }
}
