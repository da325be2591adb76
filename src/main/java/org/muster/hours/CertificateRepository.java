package org.muster.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Certificates issued, and the approved hours a certificate lists. */
@Repository
class CertificateRepository {

    /** One approved record as a certificate lists it. */
    record Line(LocalDate date, String activity, String site, String team, int minutes) {
    }

    /** What a certificate stated when it was issued, and whether it still holds. */
    record Issued(String code, long volunteerId, Instant issuedAt, String organisation, LocalDate from, LocalDate to, int minutes,
                  int activities, String status, Instant changedAt) {
    }

    private final JdbcClient jdbc;

    CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Line> approvedLines(long volunteerId) {
        return jdbc.sql("""
                        select h.activity_date, coalesce(a.title, h.description), a.site_name, t.name, h.minutes
                        from hours_report h left join activity a on a.id = h.activity_id left join team t on t.id = a.team_id
                        where h.volunteer_id = :v and h.status = 'approved'
                        order by h.activity_date, h.id
                        """)
                .param("v", volunteerId)
                .query((rs, i) -> new Line(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    void insert(Issued issued) {
        jdbc.sql("""
                        insert into certificate (code, volunteer_id, issued_at, organisation, period_from, period_to, minutes, activities)
                        values (:code, :v, :at, :org, :from, :to, :minutes, :activities)
                        """)
                .param("code", issued.code()).param("v", issued.volunteerId()).param("at", at(issued.issuedAt()))
                .param("org", issued.organisation()).param("from", issued.from()).param("to", issued.to())
                .param("minutes", issued.minutes()).param("activities", issued.activities()).update();
    }

    Optional<Issued> byCode(String code) {
        return jdbc.sql("""
                        select code, volunteer_id, issued_at, organisation, period_from, period_to, minutes, activities, status, changed_at
                        from certificate where code = :code
                        """)
                .param("code", code)
                .query((rs, i) -> new Issued(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getInt(8),
                        rs.getString(9), rs.getObject(10) == null ? null : rs.getObject(10, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** The volunteer's certificates still valid now state what is no longer so: superseded (by {@code status}) or revoked. */
    int endAllOf(long volunteerId, String status, Instant now) {
        return jdbc.sql("update certificate set status = :s, changed_at = :now where volunteer_id = :v and status = 'valid'")
                .param("s", status).param("now", at(now)).param("v", volunteerId).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
