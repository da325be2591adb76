package org.muster.admin;

import java.util.Set;

import org.muster.conversation.Role;
import org.muster.conversation.RoleSource;
import org.springframework.stereotype.Component;

/** Coordinators: those in configuration, and those granted in the app. */
@Component
class StaffRoles implements RoleSource {

    private final Set<Long> configured;

    StaffRoles(AdminProperties properties) {
        this.configured = Set.copyOf(properties.coordinators());
    }

    @Override
    public Role role() {
        return Role.COORDINATOR;
    }

    @Override
    public String heldWhen() {
        return StaffRoleRepository.IS_COORDINATOR;
    }

    @Override
    public boolean heldWithoutAsking(long userId) {
        return isConfigured(userId);
    }

    boolean isConfigured(long userId) {
        return configured.contains(userId);
    }
}
