package org.muster.conversation;

import java.util.List;
import java.util.Set;

/**
 * A conversation as a pure state machine. {@code S} is a sealed interface whose permitted records
 * are the steps; a step's name in storage is its record's simple name, so renaming a step record
 * is a schema change: raise {@link #schemaVersion()}. {@link #next} must do no I/O: it gets the
 * state and the turn, and returns the next state, the replies and the effects that the
 * {@link FlowEngine} applies in one database transaction.
 */
public interface Flow<S> {

    /** Stored with the state; a state naming an unknown flow is dropped. */
    String name();

    default int schemaVersion() {
        return 1;
    }

    Class<S> stateType();

    /** How to start again, told when the conversation expired or was lost. */
    Txt restartHint();

    Transition<S> next(S state, Turn turn);

    /**
     * True for a long flow whose draft outlives the conversation: after every step the engine keeps
     * {@link #draftOf} of the new state in PostgreSQL (for {@code draftRetention}), so giving up,
     * {@code /cancel} or running idle loses nothing, and {@link FlowEngine#keptDraft} gives it back
     * to the next start; finishing the flow forgets it.
     */
    default boolean keepsDrafts() {
        return false;
    }

    /** What of {@code state} is worth keeping, as a state of this flow; null: nothing (any kept draft is forgotten). */
    default S draftOf(S state) {
        return state;
    }

    /**
     * The current step's question asked again, without changing anything: for an entry point (a deep
     * link, an old button) pressed while the conversation is going on, which must not restart it. Empty:
     * this flow cannot, and is started afresh.
     */
    default List<Outbound> reask(S state, Turn turn) {
        return List.of();
    }

    /**
     * The roles of which the caller must still hold one at every step; empty: anyone may go on.
     * A turn carries the roles looked up afresh for its update, so a role revoked in the middle of
     * a conversation ends it at the next step.
     */
    default Set<Role> requiredRoles() {
        return Set.of();
    }

    /**
     * One step as the engine runs it: a caller who no longer holds a role the flow needs is refused,
     * and the step writes nothing; otherwise {@link #next}.
     */
    default Transition<S> step(S state, Turn turn) {
        Set<Role> needed = requiredRoles();
        if (!needed.isEmpty() && needed.stream().noneMatch(turn::has)) {
            return Transition.refused(turn.reply(Txt.of("conversation.role_lost")));
        }
        return next(state, turn);
    }
}
