package org.muster.hours;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Connections from the replica while it answers, else read-only ones from the primary: a replica that
 * is down must not hold up {@code /stats} (an update waiting for a server out of reach is retried,
 * and the chat's later updates wait behind it). Logged once when the replica goes and once when it is
 * back.
 */
final class ReplicaOrPrimary extends AbstractDataSource {

    private static final Logger log = LoggerFactory.getLogger(ReplicaOrPrimary.class);

    private final DataSource replica;
    private final DataSource primary;
    /** While the replica is down it is tried again this often, not by every read (each costs the pool's 2 s). */
    private static final long RETRY_NANOS = java.time.Duration.ofSeconds(10).toNanos();

    private volatile boolean replicaDown;
    private volatile long tryAgainAt;

    ReplicaOrPrimary(DataSource replica, DataSource primary) {
        this.replica = replica;
        this.primary = primary;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (replicaDown && System.nanoTime() - tryAgainAt < 0) {
            return fromPrimary();
        }
        try {
            Connection connection = replica.getConnection();
            if (replicaDown) {
                replicaDown = false;
                log.info("the read-only replica answers again; figures and exports read it");
            }
            return connection;
        } catch (SQLException e) {
            tryAgainAt = System.nanoTime() + RETRY_NANOS;
            if (!replicaDown) {
                replicaDown = true;
                log.warn("the read-only replica is out of reach ({}); figures and exports read the primary until it is back",
                        e.getMessage());
            }
            return fromPrimary();
        }
    }

    private Connection fromPrimary() throws SQLException {
        Connection connection = primary.getConnection();
        // read-only for a transaction (the pool resets it when the connection is given back); the reads
        // outside one are the figures' and exports' SELECTs
        connection.setReadOnly(true);
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    boolean replicaDown() {
        return replicaDown;
    }
}
