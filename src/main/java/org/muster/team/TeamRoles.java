package org.muster.team;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

/** Leaders: whoever leads at least one team. */
@Component
class TeamRoles implements RoleSource {

    @Override
    public Role role() {
        return Role.LEADER;
    }

    @Override
    public String heldWhen() {
        return TeamRepository.LEADS_ANY;
    }
}
