package org.muster.hours;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A read-only PostgreSQL replica for the figures of {@code /stats}, {@code /api/stats} and the hours
 * exports, so that heavy reads leave the primary alone. Empty {@code url}: those reads use the primary.
 *
 * @param url a JDBC URL of the replica ({@code jdbc:postgresql://replica-host:5432/muster}); empty for none
 * @param username its user (read-only rights suffice)
 * @param password its password
 * @param maximumPoolSize connections kept to the replica by each instance
 * @param statementTimeout the longest a figure or export may read (PostgreSQL's {@code statement_timeout}
 *        on the replica's connections); 0 for no limit
 */
@ConfigurationProperties("muster.datasource.replica")
record ReplicaProperties(String url, String username, String password, @DefaultValue("4") int maximumPoolSize,
                         @DefaultValue("60s") java.time.Duration statementTimeout) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
