package org.muster.volunteer;

import java.util.Locale;

/**
 * Published after a sign-up (or an edit) was committed. {@code then} is what the volunteer was on
 * their way to when sign-up intervened (a deep-link payload such as {@code join_AB12CD}), or empty.
 */
public record VolunteerRegistered(long volunteerId, long userId, boolean firstTime, String then, Locale locale) {
}
