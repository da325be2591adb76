package org.muster.conversation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs an outage of a server Muster depends on once when it starts, at most once a minute while it
 * lasts (with how many failures there were meanwhile), and once when it is over: a Redis down for a
 * minute is a few lines, not a million stack traces.
 */
public final class OutageLog {

    private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Logger log;
    private final String what;
    private final AtomicLong since = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public OutageLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** A failure that says {@code what} is down. */
    public void down(Throwable cause) {
        long now = System.nanoTime();
        failures.incrementAndGet();
        if (since.compareAndSet(0, now)) {
            lastLogged.set(now);
            log.warn("{} is not reachable ({}); waiting for it, and retrying", what, describe(cause));
            return;
        }
        long last = lastLogged.get();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("{} still not reachable after {} s ({} failures so far): {}", what,
                    Duration.ofNanos(now - since.get()).toSeconds(), failures.get(), describe(cause));
        }
    }

    /** A success: if there was an outage, it is over. */
    public void over() {
        long started = since.get();
        if (started != 0 && since.compareAndSet(started, 0)) {
            log.info("{} is reachable again after {} s ({} failures)", what, Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    failures.getAndSet(0));
        }
    }

    public boolean ongoing() {
        return since.get() != 0;
    }

    /** The root cause's type and message: what a one-line log of a failure names. */
    public static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
