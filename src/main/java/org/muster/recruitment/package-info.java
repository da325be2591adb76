/**
 * Recruitment calls (招募): a coordinator creates one with {@code /recruit}, it goes out through the
 * broadcast outbox to the groups that want it, and volunteers enrol with a button. Capacity is
 * decided in PostgreSQL under a row lock, so it is exact however many tap at once; past capacity
 * volunteers join a waitlist and are offered freed places in order. Every posted copy of a call
 * keeps a live counter, brought up to date at most once per copy every few seconds.
 */
package org.muster.recruitment;
