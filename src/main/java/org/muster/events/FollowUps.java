package org.muster.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Follow-ups whose listener failed (a server out of reach, a bug since fixed) are tried again once
 * they have waited {@code muster.follow-ups.retry-after}. One instance at a time: the round holds a
 * PostgreSQL advisory lock, so two instances never run the same follow-up twice at once. The number
 * still waiting is the gauge {@code muster_follow_ups_waiting}.
 */
@Component
class FollowUps {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
    /** Any number, the same on every instance: the advisory lock of this round. */
    private static final long LOCK = 0x6d75737465720001L;

    private final IncompleteEventPublications incomplete;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Duration retryAfter;

    FollowUps(IncompleteEventPublications incomplete, JdbcClient jdbc, DataSource dataSource, MeterRegistry meters,
              FollowUpProperties properties) {
        this.incomplete = incomplete;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.retryAfter = properties.retryAfter();
        Gauge.builder("muster.follow.ups.waiting", this, FollowUps::waiting)
                .description("follow-ups (event publications) not done yet").register(meters);
    }

    @Scheduled(fixedDelayString = "${muster.follow-ups.check:30s}", initialDelayString = "${muster.follow-ups.check:30s}")
    void retry() {
        // The lock is a session's, on a connection of its own, and the resubmission runs in no transaction
        // of ours: Spring Modulith marks a publication resubmitted in the caller's transaction and then
        // processing in a new one, which would wait for the first forever (the round, and with it every
        // instance's retries, hung on the first follow-up it tried again).
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "select pg_try_advisory_lock(?)")) {
                return;
            }
            try {
                int waiting = (int) waiting();
                if (waiting > 0) {
                    log.info("{} follow-ups not done yet; trying again those older than {}", waiting, retryAfter);
                    incomplete.resubmitIncompletePublicationsOlderThan(retryAfter);
                }
            } finally {
                unlock(lockHolder);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("follow-ups could not be retried this round: {}", e.toString());
        }
    }

    private void unlock(Connection lockHolder) throws SQLException {
        try {
            advisoryLock(lockHolder, "select pg_advisory_unlock(?)");
        } catch (SQLException | RuntimeException e) {
            // back in the pool, the connection would keep the lock from every other instance
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(lockHolder);
            } else {
                lockHolder.abort(Runnable::run);
            }
            throw e;
        }
    }

    private static boolean advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    double waiting() {
        try {
            return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
