/**
 * Volunteers: sign-up in the private chat (name, phone, area, skills, availability, consent),
 * {@code /profile} to see and change it, {@code /forgetme} to erase the personal data. Other
 * features reach volunteers through {@link org.muster.volunteer.Volunteers} and learn of
 * sign-ups and erasures from {@link org.muster.volunteer.VolunteerRegistered} and
 * {@link org.muster.volunteer.VolunteerForgotten}.
 */
package org.muster.volunteer;
