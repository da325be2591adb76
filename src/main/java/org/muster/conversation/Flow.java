package org.muster.conversation;

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
}
