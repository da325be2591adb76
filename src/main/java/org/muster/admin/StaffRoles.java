package org.muster.admin;

import java.util.EnumSet;
import java.util.Set;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

/** Coordinators: those in configuration, and those granted in the app. */
@Component
class StaffRoles implements RoleSource {

    private final Set<Long> configured;
    private final StaffRoleRepository repository;

    StaffRoles(AdminProperties properties, StaffRoleRepository repository) {
        this.configured = Set.copyOf(properties.coordinators());
        this.repository = repository;
    }

    @Override
    public Set<Role> rolesOf(long userId) {
        return isConfigured(userId) || repository.isCoordinator(userId) ? EnumSet.of(Role.COORDINATOR) : EnumSet.noneOf(Role.class);
    }

    boolean isConfigured(long userId) {
        return configured.contains(userId);
    }
}
