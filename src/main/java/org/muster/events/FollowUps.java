package org.muster.events;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transactions;
    private final Duration retryAfter;

    FollowUps(IncompleteEventPublications incomplete, JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters,
              FollowUpProperties properties) {
        this.incomplete = incomplete;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.retryAfter = properties.retryAfter();
        Gauge.builder("muster.follow.ups.waiting", this, FollowUps::waiting)
                .description("follow-ups (event publications) not done yet").register(meters);
    }

    @Scheduled(fixedDelayString = "${muster.follow-ups.check:30s}", initialDelayString = "${muster.follow-ups.check:30s}")
    void retry() {
        try {
            transactions.executeWithoutResult(status -> {
                if (Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", LOCK).query(Boolean.class).single())) {
                    int waiting = (int) waiting();
                    if (waiting > 0) {
                        log.info("{} follow-ups not done yet; trying again those older than {}", waiting, retryAfter);
                        incomplete.resubmitIncompletePublicationsOlderThan(retryAfter);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("follow-ups could not be retried this round: {}", e.toString());
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
