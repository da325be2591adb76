package org.muster.volunteer;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

/** Volunteers: whoever signed up. */
@Component
class VolunteerRoles implements RoleSource {

    @Override
    public Role role() {
        return Role.VOLUNTEER;
    }

    @Override
    public String heldWhen() {
        return VolunteerRepository.IS_VOLUNTEER;
    }
}
