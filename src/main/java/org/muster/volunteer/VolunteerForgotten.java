package org.muster.volunteer;

/** Published after a volunteer's personal data was erased; the id stays, anonymous. */
public record VolunteerForgotten(long volunteerId) {
}
