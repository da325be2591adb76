package org.muster.admin;

import org.muster.volunteer.VolunteerForgotten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erasure, inside its transaction: a forgotten person holds no granted role (one named in the configuration stays, by the configuration). */
@Component
class StaffRoleErasure {

    private final StaffRoleRepository roles;

    StaffRoleErasure(StaffRoleRepository roles) {
        this.roles = roles;
    }

    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        roles.forget(forgotten.userId());
    }
}
