/**
 * Durable follow-ups. Events whose loss would lose a reminder, a review request or an enrolment are
 * kept in PostgreSQL by Spring Modulith's event publication registry until their listener has run:
 * written in the transaction that published them, marked done (deleted) afterwards. A crash in between
 * leaves them, and they run after the restart; a listener that failed is tried again by
 * {@link org.muster.events.FollowUps}, and how many wait is a metric.
 */
package org.muster.events;
