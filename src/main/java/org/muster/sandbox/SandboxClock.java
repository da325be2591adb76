package org.muster.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The emulator's notion of now. Tests hold it still to check rates and move it forward instead of
 * sleeping through flood-limit windows and callback-query expiry; it never goes back, so dates stay
 * monotonic.
 */
@Component
@ConditionalOnSandbox
class SandboxClock {

    private long offsetMillis;
    private Long frozenAt;

    synchronized long millis() {
        return frozenAt != null ? frozenAt : System.currentTimeMillis() + offsetMillis;
    }

    /** Unix time in seconds, the unit of every {@code date} in the Bot API. */
    long unixSeconds() {
        return millis() / 1000;
    }

    Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        if (frozenAt != null) {
            frozenAt += by.toMillis();
        } else {
            offsetMillis += by.toMillis();
        }
    }

    /** Stops time where it is until {@link #resume()}. */
    synchronized void freeze() {
        frozenAt = millis();
    }

    /** Lets time run again from where it stood. */
    synchronized void resume() {
        if (frozenAt != null) {
            offsetMillis = frozenAt - System.currentTimeMillis();
            frozenAt = null;
        }
    }
}
