package org.muster.hours;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the statistics and exports read: the replica of {@link ReplicaProperties} when one is
 * configured (a pool of its own, read-only connections), else the primary. The replica's pool is no
 * {@code DataSource} bean, so the primary's auto-configuration, health and migrations are untouched.
 * A replica lags a little behind the primary: figures and exports may miss the last seconds. A
 * replica out of reach is no outage of Muster's: the reads go to the primary meanwhile.
 */
final class ReportingReads implements AutoCloseable {

    private final JdbcClient jdbc;
    private final HikariDataSource replica;

    private ReportingReads(JdbcClient jdbc, HikariDataSource replica) {
        this.jdbc = jdbc;
        this.replica = replica;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    boolean fromReplica() {
        return replica != null;
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Setup {

        @Bean(destroyMethod = "close")
        ReportingReads reportingReads(ReplicaProperties properties, JdbcClient primary, DataSource primaryData) {
            if (!properties.configured()) {
                return new ReportingReads(primary, null);
            }
            HikariDataSource replica = new HikariDataSource();
            replica.setPoolName("muster-replica");
            replica.setJdbcUrl(properties.url());
            replica.setUsername(properties.username());
            replica.setPassword(properties.password());
            replica.setMaximumPoolSize(properties.maximumPoolSize());
            replica.setMinimumIdle(1);
            // read-only also for statements outside a transaction, as the figures are read
            replica.setReadOnly(true);
            // the primary's options (spring.datasource.hikari.*) are not this pool's: its own timeout
            replica.addDataSourceProperty("options", "-c default_transaction_read_only=on -c statement_timeout="
                    + Math.max(0, properties.statementTimeout().toMillis()));
            // an unreachable replica at start-up does not stop Muster, and one that is down costs a
            // figure 2 s before it is read from the primary instead
            replica.setInitializationFailTimeout(-1);
            replica.setConnectionTimeout(2000);
            return new ReportingReads(JdbcClient.create(new ReplicaOrPrimary(replica, primaryData)), replica);
        }
    }
}
