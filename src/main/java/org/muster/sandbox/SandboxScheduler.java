package org.muster.sandbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Timers for held requests (long polls, transcript waits) and for debounced saving. Wrapped in
 * its own type rather than exposed as a {@code ScheduledExecutorService} bean, which would make
 * Spring Boot back off its own task scheduler for the whole application.
 */
@Component
@ConditionalOnSandbox
class SandboxScheduler {

    private final ScheduledExecutorService executor;

    SandboxScheduler() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    ScheduledFuture<?> after(Duration delay, Runnable task) {
        return executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
