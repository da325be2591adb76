package org.muster.conversation;

import java.util.List;

/**
 * Thrown by an effect handler whose check only the database can make and which finds the step's
 * answer unacceptable (an unknown @username, more hours than the day has left): the effects'
 * transaction rolls back, so nothing is written, and the conversation stays at the step as after
 * a wrong answer (it counts towards giving up), with these replies saying why and asking again.
 */
public final class StepRejected extends RuntimeException {

    private final transient List<Outbound> replies;

    public StepRejected(Outbound... replies) {
        super("step rejected by an effect", null, false, false);
        this.replies = List.of(replies);
    }

    public List<Outbound> replies() {
        return replies;
    }
}
