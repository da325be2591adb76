package org.muster.sandbox;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Answers held requests (long polls, transcript waits, the page's change polls) when the application stops. Without it the
 * web server's graceful shutdown would wait for Muster's own 50-second getUpdates to run out. Its
 * phase makes it stop before the web server begins its graceful shutdown.
 */
@Component
@ConditionalOnSandbox
class HeldRequests implements SmartLifecycle {

    private final UpdateQueue queue;
    private final TranscriptWaiters waiters;
    private final WorldChanges changes;
    private volatile boolean running;

    HeldRequests(UpdateQueue queue, TranscriptWaiters waiters, WorldChanges changes) {
        this.queue = queue;
        this.waiters = waiters;
        this.changes = changes;
    }

    @Override
    public void start() {
        queue.open();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        queue.close();
        waiters.releaseAll();
        changes.releaseAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
