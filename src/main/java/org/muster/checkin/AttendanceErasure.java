package org.muster.checkin;

import org.muster.volunteer.VolunteerForgotten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erasure, inside its transaction: attendance stays (it counts), but not who checked whom in or out. */
@Component
class AttendanceErasure {

    private final AttendanceRepository attendance;

    AttendanceErasure(AttendanceRepository attendance) {
        this.attendance = attendance;
    }

    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        attendance.forgetActor(forgotten.userId());
    }
}
