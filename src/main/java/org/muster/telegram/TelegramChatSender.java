package org.muster.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.muster.conversation.BotProfile;
import org.muster.conversation.BotRemovedFromChat;
import org.muster.conversation.ChatMoved;
import org.muster.conversation.ChatSender;
import org.muster.conversation.CommandCatalog;
import org.muster.conversation.OutageLog;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Texts;
import org.muster.conversation.Traffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * Everything Muster sends goes through here: one queue per chat, drained by a few sender threads
 * under the shared Redis buckets. Whoever sends is free at once.
 *
 * <ul>
 *   <li>A chat's messages keep their order; one of them is in flight at a time.</li>
 *   <li>Chats are served round-robin, those whose next message is {@link Traffic#INTERACTIVE} first,
 *       then {@link Traffic#REPLY}, then {@link Traffic#BULK} (with every tenth turn for a lower
 *       class, so nothing starves). A private {@code /help} never waits behind a broadcast.</li>
 *   <li>A chat that must wait (its bucket is empty, a 429 paused it, a retry is due later) is set
 *       aside until then; the sender thread serves other chats meanwhile. No thread sleeps on a chat.</li>
 *   <li>Button answers are not paced by chat and go out on their own threads at once.</li>
 * </ul>
 *
 * A 403 becomes {@link BotRemovedFromChat}; a group that became a supergroup becomes
 * {@link ChatMoved}, and its message follows it.
 */
@Component
class TelegramChatSender implements ChatSender, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelegramChatSender.class);
    /** Of every this many picks, one goes to a lower class than the best waiting, so none starves. */
    private static final int FAIRNESS_TURN = 10;

    private final BotConnection connection;
    private final SendPacer pacer;
    private final BotApiCalls calls;
    private final ApplicationEventPublisher events;
    private final TelegramProperties.Retry retry;
    private final MeterRegistry meters;
    private final Timer pacingWait;
    private final Map<Traffic, Timer> queueTimes = new EnumMap<>(Traffic.class);
    /** By method, then by {@link Outcome}: looked up without building tags on every send. */
    private final Map<String, Timer[]> sendTimes = new ConcurrentHashMap<>();
    private final int senders;
    private final OutageLog redisOutage = new OutageLog(log, "Redis (pacing)");

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Map<Long, Lane> lanes = new HashMap<>();
    private final Map<Traffic, ArrayDeque<Lane>> ready = new EnumMap<>(Traffic.class);
    private final PriorityQueue<Lane> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.notBefore, b.notBefore));
    private final AtomicInteger queued = new AtomicInteger();
    private long picks;
    private volatile boolean running;
    private ExecutorService threads;
    private ExecutorService answers;

    TelegramChatSender(BotConnection connection, SendPacer pacer, Texts texts, ApplicationEventPublisher events,
                       TelegramProperties properties, MeterRegistry meters, ObjectProvider<CommandCatalog> commands,
                       ObjectProvider<BotProfile> bot) {
        this.connection = connection;
        this.pacer = pacer;
        // looked up at the first send: the command handlers themselves need this sender
        this.calls = new BotApiCalls(texts, new GroupCommands(() -> commands.getObject().names(), () -> bot.getObject().username()));
        this.events = events;
        this.retry = properties.retry();
        this.meters = meters;
        this.senders = Math.max(1, properties.senders());
        for (Traffic traffic : Traffic.values()) {
            ready.put(traffic, new ArrayDeque<>());
            queueTimes.put(traffic, Timer.builder("muster.telegram.queue").tag("traffic", traffic.name().toLowerCase())
                    .description("from queued to sent or given up").register(meters));
        }
        this.pacingWait = Timer.builder("muster.telegram.pacing.wait")
                .description("how long a message waited for the rate buckets or a 429's pause, from its first refusal to being let go")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
        Gauge.builder("muster.telegram.queued", queued, AtomicInteger::get)
                .description("messages waiting in the outbound queues or in flight").register(meters);
        start();
    }

    /** One message of a chat's queue: its calls (several for a long text), and how far it got. */
    private static final class Item {
        Outbound outbound;
        List<BotApiCalls.Call> calls;
        int part;
        final Traffic traffic;
        final CompletableFuture<SendResult> done = new CompletableFuture<>();
        final long queuedAt = System.nanoTime();
        int failures;
        int rateLimitWaits;
        /** When the pacer first refused the current part ({@link System#nanoTime()}); 0 while it has not. */
        long refusedSince;
        Duration backoff;

        Item(Outbound outbound, List<BotApiCalls.Call> calls, Traffic traffic, Duration backoff) {
            this.outbound = outbound;
            this.calls = calls;
            this.traffic = traffic;
            this.backoff = backoff;
        }
    }

    /** A chat's queue. {@code busy}: its head is with a sender thread, or it is set aside until {@code notBefore}. */
    private static final class Lane {
        final long chatId;
        final ArrayDeque<Item> items = new ArrayDeque<>();
        boolean busy;
        long notBefore;

        Lane(long chatId) {
            this.chatId = chatId;
        }
    }

    /** What one attempt at a lane's head came to. */
    private sealed interface Attempt {
        record Done(SendResult result) implements Attempt {
        }

        record Later(Duration delay) implements Attempt {
        }

        record Moved(Outbound outbound) implements Attempt {
        }
    }

    @Override
    public CompletableFuture<SendResult> send(Outbound outbound, Traffic traffic) {
        List<BotApiCalls.Call> parts;
        try {
            parts = calls.callsFor(outbound);
        } catch (RuntimeException e) {
            log.error("message to chat {} could not be prepared", outbound.chatId(), e);
            return CompletableFuture.completedFuture(new SendResult.Refused(SendResult.Reason.REJECTED, e.getClass().getSimpleName()));
        }
        Item item = new Item(outbound, parts, traffic, retry.initialBackoff());
        if (outbound instanceof Outbound.Toast) {
            // a button's spinner stops only when it is answered: at once, on threads of their own
            answers.execute(() -> answer(item));
            return item.done;
        }
        enqueue(item, false);
        return item.done;
    }

    private void answer(Item item) {
        while (true) {
            Attempt attempt = attempt(item, false);
            if (attempt instanceof Attempt.Done done) {
                item.done.complete(done.result());
                return;
            }
            if (!(attempt instanceof Attempt.Later later) || later.delay().compareTo(Duration.ofSeconds(2)) > 0 || !running) {
                // a button answer is useless after a few seconds; Telegram refuses it after 10–20 anyway
                item.done.complete(new SendResult.Refused(SendResult.Reason.GAVE_UP, "not answered in time"));
                return;
            }
            try {
                // on the answering threads only: no chat's queue waits for this
                Thread.sleep(later.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // interrupted by the stop: handed back like what is still queued, not given up for good
                item.done.complete(running ? new SendResult.Refused(SendResult.Reason.GAVE_UP, "interrupted") : SendResult.SHUTTING_DOWN);
                return;
            }
        }
    }

    private void enqueue(Item item, boolean first) {
        lock.lock();
        try {
            if (!running) {
                item.done.complete(SendResult.SHUTTING_DOWN);
                return;
            }
            long chatId = item.calls.get(item.part).chatId();
            Lane lane = lanes.computeIfAbsent(chatId, Lane::new);
            if (first && lane.busy) {
                // the head is being sent and settle() takes it off by position: go right behind it, or
                // the head would be sent twice and this item dropped (two messages moving to one supergroup)
                Item sending = lane.items.pollFirst();
                lane.items.addFirst(item);
                lane.items.addFirst(sending);
            } else if (first) {
                lane.items.addFirst(item);
            } else {
                lane.items.addLast(item);
            }
            queued.incrementAndGet();
            if (!lane.busy && lane.items.size() == 1) {
                ready.get(item.traffic).addLast(lane);
                work.signal();
            } else if (!lane.busy && first) {
                // the head changed class: it is on a ring already, under its previous head's class
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void serve() {
        while (true) {
            Lane lane = take();
            if (lane == null) {
                return;
            }
            Item item;
            lock.lock();
            try {
                item = lane.items.peekFirst();
            } finally {
                lock.unlock();
            }
            Attempt attempt;
            // what is logged about the chat while its message is sent names it, as update handling does
            org.slf4j.MDC.put("chatId", Long.toString(lane.chatId));
            try {
                try {
                    attempt = attempt(item, true);
                } catch (RuntimeException | Error e) {
                    log.error("sending to chat {} failed unexpectedly", lane.chatId, e);
                    attempt = new Attempt.Done(new SendResult.Refused(SendResult.Reason.GAVE_UP, e.getClass().getSimpleName()));
                }
                settle(lane, item, attempt);
            } finally {
                org.slf4j.MDC.remove("chatId");
            }
        }
    }

    /** The next lane to serve, marked busy; null once stopped. */
    private Lane take() {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                while (!waiting.isEmpty() && waiting.peek().notBefore <= now) {
                    Lane due = waiting.poll();
                    due.busy = false;
                    if (!due.items.isEmpty()) {
                        ready.get(due.items.peekFirst().traffic).addLast(due);
                    }
                }
                Lane next = pick();
                if (next != null) {
                    next.busy = true;
                    return next;
                }
                if (!running && lanes.values().stream().allMatch(l -> l.items.isEmpty())) {
                    return null;
                }
                long sleep = waiting.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(500) : Math.max(0, waiting.peek().notBefore - now);
                work.awaitNanos(Math.max(1_000_000, Math.min(sleep, TimeUnit.MILLISECONDS.toNanos(500))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. Best class first, but every {@link #FAIRNESS_TURN}th pick a lower one. */
    private Lane pick() {
        picks++;
        Traffic[] order = Traffic.values();
        int start = 0;
        if (picks % FAIRNESS_TURN == 0) {
            for (int i = order.length - 1; i > 0; i--) {
                if (!ready.get(order[i]).isEmpty()) {
                    start = i;
                    break;
                }
            }
        }
        for (int i = 0; i < order.length; i++) {
            ArrayDeque<Lane> ring = ready.get(order[(start + i) % order.length]);
            while (!ring.isEmpty()) {
                Lane lane = ring.pollFirst();
                // a lane may sit on a ring it no longer belongs to (emptied, or busy by now)
                if (!lane.busy && !lane.items.isEmpty()) {
                    return lane;
                }
            }
        }
        return null;
    }

    private void settle(Lane lane, Item item, Attempt attempt) {
        SendResult finished = null;
        Item moved = null;
        lock.lock();
        try {
            if (attempt instanceof Attempt.Later later) {
                lane.notBefore = System.nanoTime() + later.delay().toNanos();
                waiting.add(lane);
                work.signal();
                return;
            }
            lane.items.pollFirst();
            queued.decrementAndGet();
            if (attempt instanceof Attempt.Moved move) {
                moved = item;
                item.outbound = move.outbound();
                item.calls = calls.callsFor(move.outbound());
            } else {
                finished = ((Attempt.Done) attempt).result();
            }
            lane.busy = false;
            if (lane.items.isEmpty()) {
                lanes.remove(lane.chatId);
            } else {
                ready.get(lane.items.peekFirst().traffic).addLast(lane);
                work.signal();
            }
        } finally {
            lock.unlock();
        }
        if (moved != null) {
            enqueue(moved, true);
            return;
        }
        queueTimes.get(item.traffic).record(System.nanoTime() - item.queuedAt, TimeUnit.NANOSECONDS);
        item.done.complete(finished);
    }

    /** One try at the item's current part: sent, refused, moved, or to be tried again after a wait. Never sleeps. */
    private Attempt attempt(Item item, boolean paced) {
        BotApiCalls.Call call = item.calls.get(item.part);
        if (paced && call.paced()) {
            Duration wait;
            try {
                wait = pacer.tryAcquire(call.chatId());
                redisOutage.over();
            } catch (RuntimeException e) {
                // without the shared buckets no instance may send: wait for Redis to come back
                redisOutage.down(e);
                refused(item);
                return new Attempt.Later(Duration.ofSeconds(1));
            }
            if (!wait.isZero()) {
                refused(item);
                return new Attempt.Later(wait);
            }
            pacingWait.record(item.refusedSince == 0 ? 0 : System.nanoTime() - item.refusedSince, TimeUnit.NANOSECONDS);
            item.refusedSince = 0;
        }
        long started = System.nanoTime();
        Outcome outcome = Outcome.OK;
        try {
            Serializable result = call.run(connection.client());
            if (item.part < item.calls.size() - 1) {
                item.part++;
                return new Attempt.Later(Duration.ZERO);
            }
            return new Attempt.Done(new SendResult.Sent(BotApiCalls.messageIdOf(result), call.chatId()));
        } catch (TelegramApiValidationException e) {
            outcome = Outcome.INVALID;
            log.error("{} to chat {} not sent, it is invalid: {}", call.method(), call.chatId(), e.getMessage());
            return new Attempt.Done(new SendResult.Refused(SendResult.Reason.REJECTED, e.getMessage()));
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            String description = e.getApiResponse() != null ? e.getApiResponse() : e.getMessage();
            if (code != null && code == 429) {
                outcome = Outcome.RATE_LIMITED;
                meters.counter("muster.telegram.rate_limited", "method", call.method()).increment();
                if (++item.rateLimitWaits > retry.maxRateLimitWaits()) {
                    return gaveUp(call, "still rate limited after " + item.rateLimitWaits + " waits");
                }
                int seconds = e.getParameters() != null && e.getParameters().getRetryAfter() != null ? e.getParameters().getRetryAfter() : 1;
                log.warn("{} to chat {} hit the flood limit; the chat waits {} s as Telegram asks", call.method(), call.chatId(), seconds);
                // the pause is pacing too: its wait counts from here
                refused(item);
                try {
                    pacer.pause(call.chatId(), Duration.ofSeconds(seconds));
                } catch (RuntimeException redisDown) {
                    redisOutage.down(redisDown);
                }
                return new Attempt.Later(Duration.ofSeconds(seconds));
            }
            if (code != null && code == 403) {
                outcome = Outcome.FORBIDDEN;
                log.info("{} to chat {} refused: {}", call.method(), call.chatId(), description);
                events.publishEvent(new BotRemovedFromChat(call.chatId(), description));
                return new Attempt.Done(new SendResult.Refused(SendResult.Reason.UNREACHABLE, description));
            }
            Long movedTo = e.getParameters() == null ? null : e.getParameters().getMigrateToChatId();
            if (movedTo != null) {
                outcome = Outcome.MIGRATED;
                log.info("chat {} became supergroup {}", call.chatId(), movedTo);
                events.publishEvent(new ChatMoved(call.chatId(), movedTo));
                Outbound moved = item.outbound.retarget(movedTo);
                return moved == item.outbound ? new Attempt.Done(new SendResult.Refused(SendResult.Reason.REJECTED, description))
                        : new Attempt.Moved(moved);
            }
            if (code != null && code >= 400 && code < 500) {
                if (description.contains("message is not modified")) {
                    return new Attempt.Done(new SendResult.Sent(0, call.chatId()));
                }
                outcome = Outcome.REJECTED;
                log.warn("{} to chat {} rejected: {} {}", call.method(), call.chatId(), code, description);
                return new Attempt.Done(new SendResult.Refused(SendResult.Reason.REJECTED, description));
            }
            outcome = Outcome.SERVER_ERROR;
            return retryLater(item, call, description);
        } catch (TelegramApiException e) {
            outcome = Outcome.NETWORK_ERROR;
            return retryLater(item, call, e.getMessage());
        } finally {
            sendTimer(call.method(), outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** What became of one Bot API call, as the {@code outcome} tag of {@code muster.telegram.send}. */
    private enum Outcome { OK, INVALID, RATE_LIMITED, FORBIDDEN, MIGRATED, REJECTED, SERVER_ERROR, NETWORK_ERROR }

    private static void refused(Item item) {
        if (item.refusedSince == 0) {
            item.refusedSince = System.nanoTime() | 1;
        }
    }

    /** The Bot API call's latency by method and outcome, with percentile buckets; made once per pair. */
    private Timer sendTimer(String method, Outcome outcome) {
        Timer[] byOutcome = sendTimes.computeIfAbsent(method, m -> new Timer[Outcome.values().length]);
        Timer timer = byOutcome[outcome.ordinal()];
        if (timer == null) {
            timer = Timer.builder("muster.telegram.send").tag("method", method).tag("outcome", outcome.name().toLowerCase())
                    .description("Bot API calls: how long the HTTP call took")
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(meters);
            byOutcome[outcome.ordinal()] = timer;
        }
        return timer;
    }

    private Attempt retryLater(Item item, BotApiCalls.Call call, String why) {
        if (++item.failures >= retry.maxAttempts()) {
            return gaveUp(call, why);
        }
        Duration wait = Duration.ofMillis(jittered(item.backoff));
        log.warn("{} to chat {} failed ({}); trying again in {} ms", call.method(), call.chatId(), why, wait.toMillis());
        Duration doubled = item.backoff.multipliedBy(2);
        item.backoff = doubled.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : doubled;
        return new Attempt.Later(wait);
    }

    private Attempt gaveUp(BotApiCalls.Call call, String why) {
        log.error("{} to chat {} given up: {}", call.method(), call.chatId(), why);
        return new Attempt.Done(new SendResult.Refused(SendResult.Reason.GAVE_UP, why));
    }

    private static long jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(senders, r -> daemon(r, "telegram-sender-" + number.incrementAndGet()));
        for (int i = 0; i < senders; i++) {
            threads.execute(this::serve);
        }
        AtomicInteger answering = new AtomicInteger();
        answers = Executors.newFixedThreadPool(BotConnection.ANSWER_THREADS, r -> daemon(r, "telegram-answers-" + answering.incrementAndGet()));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Sends what is queued for a while (shutdown-grace), then gives up on the rest. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        lock.lock();
        try {
            running = false;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        threads.shutdown();
        answers.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
            answers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Item> left = new ArrayList<>();
        lock.lock();
        try {
            lanes.values().forEach(lane -> left.addAll(lane.items));
            lanes.clear();
            ready.values().forEach(ArrayDeque::clear);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        if (!left.isEmpty()) {
            log.warn("{} messages still queued at shutdown were not sent", left.size());
        }
        left.forEach(item -> item.done.complete(SendResult.SHUTTING_DOWN));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the dispatcher (-1536) and the outbox, which hand it their last messages, and before the web server (-2048). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1800;
    }
}
