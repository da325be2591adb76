package org.muster.conversation;

import java.util.Set;

/** Each feature that grants a role says so here (sign-up: volunteer; teams: leader; staff: coordinator). */
public interface RoleSource {

    Set<Role> rolesOf(long userId);
}
