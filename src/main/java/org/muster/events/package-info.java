/**
 * Durable follow-ups. Events whose loss would lose a reminder, a review request or an enrolment are
 * kept in PostgreSQL by Spring Modulith's event publication registry until their listener has run:
 * written in the transaction that published them, marked done (deleted) afterwards. One that a crash
 * left or whose listener failed is tried again by {@link org.muster.events.FollowUps} once it is older
 * than {@code muster.follow-ups.retry-after}, never at an instance's start (another instance may be
 * running it then), and how many wait is a metric.
 */
package org.muster.events;
