package org.muster.conversation;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs updates on a bounded pool of workers: one chat's updates one after another, in the order
 * they were submitted; different chats side by side. A chat with a long queue hands its worker
 * back after each update, so a busy group cannot starve the others.
 *
 * <p>Shutdown stops taking updates, then waits for those in flight (its phase puts this after the
 * poller has stopped and after the web server's graceful drain of webhook requests).
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long BUSY_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final InboundProcessing processor;
    private volatile ExecutorService workers;
    private final OrganisationProperties.Dispatch settings;
    private final Map<Long, Queue<Task>> lanes = new HashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean accepting;
    private final Counter rejected;
    private final AtomicLong busyLoggedAt = new AtomicLong();

    Dispatcher(InboundProcessing processor, OrganisationProperties organisation, MeterRegistry meters) {
        this.processor = processor;
        this.settings = organisation.dispatch();
        if (settings.repliesWait().isNegative() || settings.repliesWait().compareTo(MAX_REPLIES_WAIT) > 0) {
            // the webhook answers after 50 s whatever happens (Telegram gives up at 60 s): a longer wait would
            // answer 200 behind the dispatcher's back
            throw new IllegalStateException("muster.dispatch.replies-wait must be between 0s and " + MAX_REPLIES_WAIT.toSeconds()
                    + "s; it is " + settings.repliesWait());
        }
        Gauge.builder("muster.dispatch.queued", queued, AtomicInteger::get)
                .description("updates waiting or in progress")
                .register(meters);
        this.rejected = Counter.builder("muster.dispatch.refused").description("updates refused because too many were waiting")
                .register(meters);
    }

    /** Queues the update behind its chat's earlier ones; the future completes when it was handled. */
    public CompletableFuture<Void> submit(Inbound inbound) {
        return enqueue(inbound, false).answer;
    }

    /**
     * As {@link #submit}, but the future completes only once the update's replies and follow-ups have
     * also left the outbound queues (sent, refused or given up); the worker does not wait for that.
     * The webhook answers with it, so that Telegram posts a chat's next update, perhaps to another
     * instance, only after this one's replies reached Telegram. The poller must not: its offset would
     * stay behind a reply paced for minutes in a busy group. The webhook waits (the chat's next update
     * waits at Telegram: back-pressure when sends are paced), but at most {@code muster.dispatch.replies-wait}
     * (45 s), within the webhook's own limit of 50 s; a reply still queued then may be overtaken.
     *
     * <p>Completing the future normally is answering Telegram 200: the webhook that gives up waiting
     * completes it itself. Replies handed back at this instance's shutdown after that are abandoned to
     * the other instances ({@link AbandonedReplies}), as Telegram will not deliver the update again.
     */
    public CompletableFuture<Void> submitUntilSent(Inbound inbound) {
        return enqueue(inbound, true).answer;
    }

    private static final java.time.Duration MAX_REPLIES_WAIT = java.time.Duration.ofSeconds(45);

    /** Whether updates are still taken: not once shutdown began. */
    boolean takingUpdates() {
        return accepting;
    }

    private Task enqueue(Inbound inbound, boolean untilSent) {
        Task task = Task.of(inbound, untilSent, settings.repliesWait());
        if (!accepting) {
            task.fail(new RejectedExecutionException("shutting down"));
            return task;
        }
        if (queued.get() >= settings.maxQueued()) {
            // more waiting than the workers will get through soon: refused, so Telegram sends it again later
            // (the webhook answers 503) or the poller fetches it again, instead of a queue without end
            task.fail(new RejectedExecutionException("busy: " + queued.get() + " updates waiting"));
            rejected.increment();
            long now = System.nanoTime();
            long last = busyLoggedAt.get();
            if ((last == 0 || now - last > BUSY_LOG_EVERY_NANOS) && busyLoggedAt.compareAndSet(last, now)) {
                log.warn("{} updates are waiting (muster.dispatch.max-queued is {}): new ones are refused until fewer wait, "
                        + "and Telegram delivers them again", queued.get(), settings.maxQueued());
            }
            return task;
        }
        long chat = inbound.chat().id();
        boolean startLane;
        synchronized (lanes) {
            Queue<Task> lane = lanes.get(chat);
            startLane = lane == null;
            if (startLane) {
                lane = new ArrayDeque<>();
                lanes.put(chat, lane);
            }
            lane.add(task);
            queued.incrementAndGet();
        }
        if (startLane) {
            schedule(chat);
        }
        return task;
    }

    private void schedule(long chat) {
        try {
            workers.execute(() -> runNext(chat));
        } catch (RejectedExecutionException e) {
            failLane(chat, e);
        }
    }

    private void runNext(long chat) {
        Task task;
        synchronized (lanes) {
            task = lanes.get(chat).peek();
        }
        try {
            // the lane moves on at once; the replies leave the queues later
            CompletableFuture<Void> left = processor.processed(task.inbound, task.untilSent);
            task.done.complete(null);
            left.whenComplete((ignored, error) -> {
                if (error != null && ServiceUnavailable.isOutage(error)) {
                    // its replies were handed back at shutdown: Telegram is to deliver it again (a 503) …
                    task.sent.completeExceptionally(error);
                    if (task.answered()) {
                        // … unless it was answered 200 already, the replies having waited longer than it may
                        processor.abandoned(task.inbound);
                    }
                } else {
                    task.sent.complete(null);
                }
            });
        } catch (ServiceUnavailable e) {
            // given back; so are the chat's later updates, so that all come again in their order
            task.fail(e);
            giveBackRest(chat, e);
            return;
        } catch (RuntimeException | Error e) {
            org.slf4j.MDC.put("updateId", Long.toString(task.inbound.updateId()));
            org.slf4j.MDC.put("chatId", Long.toString(chat));
            log.error("update {} escaped its handler", task.inbound.updateId(), e);
            org.slf4j.MDC.remove("updateId");
            org.slf4j.MDC.remove("chatId");
            task.fail(e);
        }
        boolean more;
        synchronized (lanes) {
            Queue<Task> lane = lanes.get(chat);
            lane.poll();
            queued.decrementAndGet();
            more = !lane.isEmpty();
            if (!more) {
                lanes.remove(chat);
            }
        }
        if (more) {
            schedule(chat);
        }
    }

    private void giveBackRest(long chat, ServiceUnavailable e) {
        synchronized (lanes) {
            Queue<Task> lane = lanes.remove(chat);
            if (lane != null) {
                lane.forEach(task -> task.fail(e));
                queued.addAndGet(-lane.size());
            }
        }
    }

    private void failLane(long chat, RejectedExecutionException e) {
        synchronized (lanes) {
            Queue<Task> lane = lanes.remove(chat);
            if (lane != null) {
                lane.forEach(task -> task.fail(e));
                queued.addAndGet(-lane.size());
            }
        }
    }

    /** Starts the workers; after a {@link #stop()} (a paused test context, say) it starts afresh. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        workers = Executors.newFixedThreadPool(settings.workers(), namedThreads());
        accepting = true;
        running = true;
    }

    /** Takes no more updates, lets every one already taken finish (up to the grace period), then stops. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        accepting = false;
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        try {
            while (queued.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            workers.shutdown();
            if (!workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("{} updates were still in progress at shutdown; Telegram will deliver them again", queued.get());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between the web server's graceful drain (stops earlier) and the web server's stop (later). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1536;
    }

    int inFlight() {
        return queued.get();
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "muster-worker-" + counter.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }

    /**
     * {@code done}: handled; {@code sent}: handled and its replies gone from the outbound queues;
     * {@code answer}: what the caller waits for — {@code done}, or (until sent) {@code sent} within the
     * replies' wait once handled.
     */
    private record Task(Inbound inbound, boolean untilSent, CompletableFuture<Void> done, CompletableFuture<Void> sent,
                        CompletableFuture<Void> answer) {

        static Task of(Inbound inbound, boolean untilSent, java.time.Duration repliesWait) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> sent = new CompletableFuture<>();
            CompletableFuture<Void> answer = untilSent
                    ? done.thenCompose(handled -> sent.completeOnTimeout(null, repliesWait.toMillis(), TimeUnit.MILLISECONDS))
                    : done;
            return new Task(inbound, untilSent, done, sent, answer);
        }

        /** The caller was told it is done (for the webhook: Telegram was answered 200). */
        boolean answered() {
            return answer.isDone() && !answer.isCompletedExceptionally();
        }

        void fail(Throwable e) {
            done.completeExceptionally(e);
            sent.completeExceptionally(e);
        }
    }
}
