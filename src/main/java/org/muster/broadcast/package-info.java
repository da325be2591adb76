/**
 * Broadcasts through an outbox in PostgreSQL: publishing writes one delivery row per target chat
 * and returns at once; {@link org.muster.broadcast.OutboxWorker}s on any number of instances claim
 * rows with {@code FOR UPDATE SKIP LOCKED} and send them through the shared, paced sender. A
 * restart resumes where it stopped; a failed send is retried with growing waits and finally
 * counted as failed. What a message says is rendered at send time by the feature that owns the
 * broadcast's kind ({@link org.muster.broadcast.BroadcastContent}), so a call's counter is current.
 * {@code /broadcast} sends a plain notice through the same machinery.
 */
package org.muster.broadcast;
