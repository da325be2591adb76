/**
 * Shift reminders: to each volunteer with a place (by default 24 h and 2 h before, or their own
 * choice with {@code /reminders}), with "still coming" and "can't come" buttons, and a roster to
 * the group of the team that runs the shift an hour before. Reminders are scheduled deliveries in
 * the outbox (PostgreSQL): a restart loses none, exactly one instance sends each, and they go
 * earliest deadline first, planned early enough to arrive before the shift starts. Quiet hours
 * hold non-urgent ones until the morning.
 */
package org.muster.reminder;
