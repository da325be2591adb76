package org.muster.volunteer;

/**
 * Published before an erasure, outside any transaction: features give up what the person still
 * holds as a user would by hand (coming shifts left as {@code /leave} leaves them, so the waitlist
 * is offered the place and reminders are dropped), with the messages that go with it.
 */
public record VolunteerLeaving(long volunteerId, long userId) {
}
