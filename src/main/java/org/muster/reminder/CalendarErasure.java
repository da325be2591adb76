package org.muster.reminder;

import org.muster.volunteer.VolunteerForgotten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erasure, inside its transaction: the volunteer's calendar subscription stops working. */
@Component
class CalendarErasure {

    private final CalendarRepository calendars;

    CalendarErasure(CalendarRepository calendars) {
        this.calendars = calendars;
    }

    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        calendars.forget(forgotten.volunteerId());
    }
}
