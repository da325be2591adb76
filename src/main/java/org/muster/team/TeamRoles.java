package org.muster.team;

import java.util.EnumSet;
import java.util.Set;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

@Component
class TeamRoles implements RoleSource {

    private final TeamRepository teams;

    TeamRoles(TeamRepository teams) {
        this.teams = teams;
    }

    @Override
    public Set<Role> rolesOf(long userId) {
        return teams.leadsAny(userId) ? EnumSet.of(Role.LEADER) : EnumSet.noneOf(Role.class);
    }
}
