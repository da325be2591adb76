package org.muster.conversation;

/**
 * Published by whatever changes what {@link SenderFacts} reads (a role granted or revoked, a team
 * leader named, a volunteer signed up or forgotten, a language chosen): once the change is committed,
 * the sender's facts kept in Redis are no longer used, on any instance. {@link #everyone()} after a
 * change of many users at once (the sandbox's reset, the demo); {@link #forgotten} after an erasure.
 */
public record SenderFactsChanged(long userId, boolean forgotten) {

    private static final long EVERYONE = 0;

    public SenderFactsChanged(long userId) {
        this(userId, false);
    }

    public static SenderFactsChanged everyone() {
        return new SenderFactsChanged(EVERYONE);
    }

    /** An erasure: nothing in Redis may name the person afterwards, not even their epoch. */
    public static SenderFactsChanged forgotten(long userId) {
        return new SenderFactsChanged(userId, true);
    }

    boolean isEveryone() {
        return userId == EVERYONE;
    }
}
