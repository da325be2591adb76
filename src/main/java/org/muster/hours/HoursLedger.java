package org.muster.hours;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where hours get written. One record per volunteer and shift; attendance keeps its own record current. */
@Component
public class HoursLedger {

    private final JdbcClient jdbc;

    HoursLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The hours a check-out produced. A later check-out of the same shift (a correction) replaces
     * them, unless a person has reviewed the record already.
     */
    public void fromAttendance(long volunteerId, long activityId, LocalDate date, int minutes, boolean approved) {
        if (minutes <= 0) {
            return;
        }
        int updated = jdbc.sql("""
                        update hours_report set minutes = :minutes, status = :status, activity_date = :date, updated_at = now()
                        where volunteer_id = :v and activity_id = :a and source = 'attendance' and status <> 'rejected'
                          and reviewed_by is null
                        """)
                .param("minutes", Math.min(minutes, 1440)).param("status", approved ? "approved" : "pending").param("date", date)
                .param("v", volunteerId).param("a", activityId).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into hours_report (volunteer_id, activity_id, source, activity_date, minutes, status)
                            values (:v, :a, 'attendance', :date, :minutes, :status)
                            on conflict do nothing
                            """)
                    .param("v", volunteerId).param("a", activityId).param("date", date).param("minutes", Math.min(minutes, 1440))
                    .param("status", approved ? "approved" : "pending").update();
        }
    }
}
