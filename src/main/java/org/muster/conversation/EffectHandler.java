package org.muster.conversation;

import java.util.List;
import java.util.Set;

/**
 * Applies one kind of {@link Effect} inside the engine's transaction. May return replies that only
 * the database could produce (a generated code, a count); they are sent after the commit.
 */
public interface EffectHandler<E extends Effect> {

    Class<E> type();

    List<Outbound> apply(E effect, Turn turn);

    /**
     * The roles of which the caller must hold one when the effect is applied, looked up again inside
     * its transaction: a role revoked a moment ago stops the write. Empty: no role needed.
     */
    default Set<Role> requiredRoles() {
        return Set.of();
    }
}
