/**
 * The Redis connection shared by conversation state, update de-duplication and send pacing: one
 * {@code UnifiedJedis} for one server, a Sentinel-watched primary or a Redis Cluster
 * ({@link org.muster.redis.RedisEndpoint}), and how keys are named there ({@link org.muster.redis.RedisKeys}).
 * Redis holds only what may expire; records live in PostgreSQL.
 */
package org.muster.redis;
