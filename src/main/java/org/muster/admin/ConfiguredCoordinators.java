package org.muster.admin;

import java.util.EnumSet;
import java.util.Set;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

@Component
class ConfiguredCoordinators implements RoleSource {

    private final Set<Long> coordinators;

    ConfiguredCoordinators(AdminProperties properties) {
        this.coordinators = Set.copyOf(properties.coordinators());
    }

    @Override
    public Set<Role> rolesOf(long userId) {
        return coordinators.contains(userId) ? EnumSet.of(Role.COORDINATOR) : EnumSet.noneOf(Role.class);
    }
}
