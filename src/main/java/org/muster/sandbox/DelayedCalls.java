package org.muster.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Bot API calls held back by the {@code bot_latency_ms} switch. Switching the latency changes what
 * comes next and lets the held ones through at once, so a test (or a person at the page) that turns
 * a slow Telegram off never waits for what was slowed before.
 */
@Component
@ConditionalOnSandbox
class DelayedCalls {

    private final SandboxScheduler scheduler;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Entry> held = new ConcurrentHashMap<>();

    private record Entry(Runnable call, ScheduledFuture<?>[] timer) {
    }

    DelayedCalls(SandboxScheduler scheduler) {
        this.scheduler = scheduler;
    }

    void after(Duration latency, Runnable call) {
        long id = ids.incrementAndGet();
        Entry entry = new Entry(call, new ScheduledFuture<?>[1]);
        held.put(id, entry);
        entry.timer()[0] = scheduler.after(latency, () -> run(id));
    }

    private void run(long id) {
        Entry entry = held.remove(id);
        if (entry != null) {
            entry.call().run();
        }
    }

    /** Lets every held call through now. */
    void releaseAll() {
        for (Long id : held.keySet()) {
            Entry entry = held.get(id);
            if (entry != null && entry.timer()[0] != null) {
                entry.timer()[0].cancel(false);
            }
            run(id);
        }
    }

    int held() {
        return held.size();
    }
}
