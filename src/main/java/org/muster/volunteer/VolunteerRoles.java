package org.muster.volunteer;

import java.util.EnumSet;
import java.util.Set;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

@Component
class VolunteerRoles implements RoleSource {

    private final VolunteerRepository repository;

    VolunteerRoles(VolunteerRepository repository) {
        this.repository = repository;
    }

    @Override
    public Set<Role> rolesOf(long userId) {
        return repository.isVolunteer(userId) ? EnumSet.of(Role.VOLUNTEER) : EnumSet.noneOf(Role.class);
    }
}
