package org.muster.broadcast;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param workers sending threads per instance (the Telegram limits, shared in Redis, set the pace)
 * @param batch deliveries a worker claims at a time
 * @param maxAttempts tries before a delivery counts as failed
 * @param firstRetry wait before the second try; doubles each time
 * @param claimTimeout a claim older than this (its instance died) is given back
 * @param idlePoll how often an idle worker looks for new deliveries
 * @param progressInterval how often a coordinator's progress message is brought up to date
 */
@ConfigurationProperties("muster.broadcast")
record BroadcastProperties(
        @DefaultValue("4") int workers,
        @DefaultValue("10") int batch,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("10s") Duration firstRetry,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("300ms") Duration idlePoll,
        @DefaultValue("3s") Duration progressInterval) {
}
