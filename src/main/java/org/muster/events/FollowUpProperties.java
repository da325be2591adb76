package org.muster.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How follow-ups that did not finish are tried again.
 *
 * @param retryAfter a follow-up not done this long after its event is run again (its listener failed,
 *                   or the instance that ran it died)
 * @param check      how often an instance looks for such follow-ups
 */
@ConfigurationProperties("muster.follow-ups")
record FollowUpProperties(@DefaultValue("1m") Duration retryAfter, @DefaultValue("30s") Duration check) {

    FollowUpProperties {
        if (retryAfter.isNegative() || retryAfter.isZero() || check.isNegative() || check.isZero()) {
            throw new IllegalArgumentException("muster.follow-ups.retry-after and .check must be positive");
        }
    }
}
