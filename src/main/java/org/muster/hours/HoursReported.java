package org.muster.hours;

/** A record now waits for a leader's decision; published inside the transaction that wrote it. */
record HoursReported(long recordId) {
}
