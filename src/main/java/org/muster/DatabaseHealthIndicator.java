package org.muster;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Shown as {@code db} in {@code /actuator/health} (its bean name replaces Spring Boot's own): the same
 * validation query, but a failure is DOWN with its reason and logged once when PostgreSQL goes away
 * and once when it is back. Probes and scrapes ask every few seconds; Spring Boot's indicator logs a
 * stack trace each time.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator extends DataSourceHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

    private volatile boolean down;

    DatabaseHealthIndicator(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try {
            super.doHealthCheck(builder);
            if (down) {
                down = false;
                log.info("PostgreSQL answers the health check again");
            }
        } catch (DataAccessException e) {
            Throwable root = e.getMostSpecificCause();
            String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
            if (!down) {
                down = true;
                log.warn("PostgreSQL does not answer the health check ({}); readiness is DOWN until it does", reason);
            }
            builder.down().withDetail("error", reason);
        }
    }
}
