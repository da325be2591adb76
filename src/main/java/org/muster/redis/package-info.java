/**
 * The Redis connection shared by conversation state, update de-duplication and send pacing.
 * Redis holds only what may expire; records live in PostgreSQL.
 */
package org.muster.redis;
