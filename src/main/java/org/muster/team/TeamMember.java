package org.muster.team;

/** A member of a team; {@code leader} when they lead it. */
public record TeamMember(long teamId, long volunteerId, boolean leader) {
}
