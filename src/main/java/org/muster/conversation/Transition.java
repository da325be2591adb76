package org.muster.conversation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a flow step decided: go on to {@code state}, finish, or refuse the input (stay, re-prompt).
 * Effects are applied by the engine in one transaction together with the state change.
 */
public record Transition<S>(Outcome outcome, S state, List<Outbound> replies, List<Effect> effects) {

    /** REFUSED: the caller may not take this step (any more); the conversation ends and nothing is written. */
    public enum Outcome { CONTINUE, DONE, INVALID, REFUSED }

    public Transition {
        replies = List.copyOf(replies);
        effects = List.copyOf(effects);
        if (outcome == Outcome.CONTINUE) {
            Objects.requireNonNull(state, "a continuing flow needs a state");
        }
    }

    public static <S> Transition<S> to(S state, Outbound... replies) {
        return new Transition<>(Outcome.CONTINUE, state, Arrays.asList(replies), List.of());
    }

    public static <S> Transition<S> done(Outbound... replies) {
        return new Transition<>(Outcome.DONE, null, Arrays.asList(replies), List.of());
    }

    /** The caller lost the right to go on: the conversation ends, with these replies and no effects. */
    public static <S> Transition<S> refused(Outbound... replies) {
        return new Transition<>(Outcome.REFUSED, null, Arrays.asList(replies), List.of());
    }

    /** The input was not acceptable: the replies say why and ask again; the state stays. */
    public static <S> Transition<S> invalid(Outbound... replies) {
        return new Transition<>(Outcome.INVALID, null, Arrays.asList(replies), List.of());
    }

    public Transition<S> with(Effect... more) {
        List<Effect> all = new ArrayList<>(effects);
        all.addAll(Arrays.asList(more));
        return new Transition<>(outcome, state, replies, all);
    }
}
