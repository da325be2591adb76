package org.muster.hours;

import org.muster.volunteer.VolunteerForgotten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erasure, inside its transaction: the person's own hours stay, anonymous, in the totals; records they reviewed or corrected no longer name them. */
@Component
class HoursErasure {

    private final HoursRepository hours;
    private final Certificates certificates;

    HoursErasure(HoursRepository hours, Certificates certificates) {
        this.hours = hours;
        this.certificates = certificates;
    }

    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        hours.forgetReviewer(forgotten.userId());
        // a certificate names the person: checked after the erasure it says it was revoked, and no more
        certificates.revoke(forgotten.volunteerId());
    }
}
