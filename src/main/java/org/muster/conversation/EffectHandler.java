package org.muster.conversation;

import java.util.List;

/**
 * Applies one kind of {@link Effect} inside the engine's transaction. May return replies that only
 * the database could produce (a generated code, a count); they are sent after the commit.
 */
public interface EffectHandler<E extends Effect> {

    Class<E> type();

    List<Outbound> apply(E effect, Turn turn);
}
