package org.muster.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * A version of the emulated world that grows with every change (a message, an edit, a press
 * answered, a member joining), for the sandbox page's long poll: {@code GET /sandbox/api/changes}
 * answers as soon as the version differs from the one the page has seen. The epoch tells a page
 * that the application restarted and its versions mean nothing any more.
 */
@Component
@ConditionalOnSandbox
class WorldChanges {

    private record Waiter(long seen, CompletableFuture<Long> answer, ScheduledFuture<?>[] timer) {
    }

    private final AtomicLong version = new AtomicLong();
    private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final SandboxScheduler scheduler;
    private final List<Waiter> waiters = new ArrayList<>();

    WorldChanges(SandboxWorld world, SandboxScheduler scheduler) {
        this.scheduler = scheduler;
        world.onChange(this::changed);
    }

    String epoch() {
        return epoch;
    }

    long version() {
        return version.get();
    }

    private void changed() {
        long now = version.incrementAndGet();
        List<Waiter> ready;
        synchronized (waiters) {
            ready = new ArrayList<>(waiters);
            waiters.clear();
        }
        ready.forEach(waiter -> {
            if (waiter.timer()[0] != null) {
                waiter.timer()[0].cancel(false);
            }
            waiter.answer().complete(now);
        });
    }

    /** Completes with the version once it differs from {@code seen}, or after {@code timeout} with the same one. */
    CompletableFuture<Long> after(long seen, Duration timeout) {
        CompletableFuture<Long> answer = new CompletableFuture<>();
        Waiter waiter = new Waiter(seen, answer, new ScheduledFuture<?>[1]);
        synchronized (waiters) {
            if (version.get() != seen || timeout.isZero()) {
                answer.complete(version.get());
                return answer;
            }
            waiters.add(waiter);
        }
        waiter.timer()[0] = scheduler.after(timeout, () -> {
            synchronized (waiters) {
                waiters.remove(waiter);
            }
            answer.complete(version.get());
        });
        return answer;
    }

    /** How many change polls are held now: for tests that must know a request is waiting, not answered. */
    int held() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /** Answers every held poll, e.g. when the application stops. */
    void releaseAll() {
        List<Waiter> all;
        synchronized (waiters) {
            all = new ArrayList<>(waiters);
            waiters.clear();
        }
        all.forEach(waiter -> waiter.answer().complete(version.get()));
    }
}
