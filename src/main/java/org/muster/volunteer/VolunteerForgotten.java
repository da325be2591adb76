package org.muster.volunteer;

/**
 * Published inside the erasure's transaction, while the volunteer's record still names them:
 * every feature erases, or makes anonymous, the rows of its own that hold {@code userId} (the
 * Telegram account) or tie it to the volunteer. The record itself is erased right after; its
 * {@code volunteerId} stays, anonymous, so hours still count in the totals.
 */
public record VolunteerForgotten(long volunteerId, long userId) {
}
