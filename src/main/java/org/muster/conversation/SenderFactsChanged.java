package org.muster.conversation;

/**
 * Published by whatever changes what {@link SenderFacts} reads (a role granted or revoked, a team
 * leader named, a volunteer signed up or forgotten, a language chosen): once the change is committed,
 * the sender's facts kept in Redis are no longer used, on any instance. {@link #everyone()} after a
 * change of many users at once (the sandbox's reset, the demo).
 */
public record SenderFactsChanged(long userId) {

    private static final long EVERYONE = 0;

    public static SenderFactsChanged everyone() {
        return new SenderFactsChanged(EVERYONE);
    }

    boolean isEveryone() {
        return userId == EVERYONE;
    }
}
