package org.muster.hours;

import java.time.LocalDate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where attendance writes hours. One record per volunteer and shift; attendance keeps its own record current. */
@Component
public class HoursLedger {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    HoursLedger(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * The hours a check-out produced: approved when a leader checked the volunteer in and out,
     * pending (and put before the leader) when the volunteer checked themselves. A later check-out
     * of the same shift (a correction) replaces them, unless a person has reviewed the record already.
     */
    public void fromAttendance(long volunteerId, long activityId, LocalDate date, int minutes, boolean approved) {
        if (minutes <= 0) {
            return;
        }
        int capped = Math.min(minutes, DurationParser.MAX_MINUTES);
        Long id = jdbc.sql("""
                        update hours_report set minutes = :minutes, reported_minutes = :minutes, status = :status, activity_date = :date,
                            updated_at = now()
                        where volunteer_id = :v and activity_id = :a and source = 'attendance' and status <> 'rejected'
                          and reviewed_by is null and corrected_by is null
                        returning id
                        """)
                .param("minutes", capped).param("status", approved ? "approved" : "pending").param("date", date)
                .param("v", volunteerId).param("a", activityId).query(Long.class).optional()
                .orElseGet(() -> jdbc.sql("""
                                insert into hours_report (volunteer_id, activity_id, source, activity_date, minutes, reported_minutes, status)
                                values (:v, :a, 'attendance', :date, :minutes, :minutes, :status)
                                on conflict do nothing
                                returning id
                                """)
                        .param("v", volunteerId).param("a", activityId).param("date", date).param("minutes", capped)
                        .param("status", approved ? "approved" : "pending").query(Long.class).optional().orElse(null));
        if (id != null && !approved) {
            events.publishEvent(new HoursReported(id));
        }
    }

    /**
     * Whether a person has decided on the hours this attendance produced (a leader's review, a
     * coordinator's correction): then undoing the attendance on a roster would contradict them.
     */
    public boolean reviewedFromAttendance(long volunteerId, long activityId) {
        return jdbc.sql("""
                        select exists (select 1 from hours_report where volunteer_id = :v and activity_id = :a and source = 'attendance'
                                       and status <> 'rejected' and (reviewed_by is not null or corrected_by is not null))
                        """)
                .param("v", volunteerId).param("a", activityId).query(Boolean.class).single();
    }

    /** The check-out that produced the hours was undone: so are they (unless a person decided on them). */
    public void withdrawFromAttendance(long volunteerId, long activityId) {
        jdbc.sql("""
                        delete from hours_report where volunteer_id = :v and activity_id = :a and source = 'attendance'
                          and reviewed_by is null and corrected_by is null
                        """)
                .param("v", volunteerId).param("a", activityId).update();
    }
}
