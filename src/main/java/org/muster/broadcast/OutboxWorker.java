package org.muster.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.muster.conversation.Traffic;
import org.muster.conversation.OutageLog;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.muster.conversation.ChatSender;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds. Each worker thread claims a small batch of due deliveries
 * ({@code FOR UPDATE SKIP LOCKED}, so instances never take the same row), renders each message at
 * send time and sends it through the paced sender. On stop, the send in progress finishes and the
 * rest of the batch is given back; claims of an instance that died are given back after
 * {@code claim-timeout}. A delivery is therefore sent at least once, and twice only if an instance
 * died between sending it and recording that.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private final OutageLog outage = new OutageLog(log, "The outbox's database");

    private final BroadcastRepository repository;
    private final Map<String, BroadcastContent> contents = new HashMap<>();
    private final ChatSender sender;
    private final Clock clock;
    private final BroadcastProperties properties;
    private final MeterRegistry meters;
    private final String worker = "outbox-" + UUID.randomUUID();
    private volatile ExecutorService threads;
    private volatile boolean running;

    OutboxWorker(BroadcastRepository repository, List<BroadcastContent> contents, ChatSender sender, Clock clock,
                 BroadcastProperties properties, MeterRegistry meters) {
        this.repository = repository;
        contents.forEach(content -> this.contents.put(content.kind(), content));
        this.sender = sender;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        // registered up front, so an alert on failures sees 0 before the first one
        for (String outcome : List.of("sent", "retried", "failed", "too_late", "withdrawn")) {
            meters.counter("muster.broadcast.deliveries", "outcome", outcome);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(properties.workers(), runnable -> new Thread(runnable, "outbox-" + number.incrementAndGet()));
        for (int i = 0; i < properties.workers(); i++) {
            threads.execute(this::work);
        }
    }

    /**
     * A worker claims only as many deliveries as it has room for in flight; each is handed to the
     * outbound queues and recorded when Telegram answered, so one slow chat holds one place, not the
     * worker. Its claims are renewed while they wait, so no other instance takes them meanwhile.
     */
    private void work() {
        Semaphore room = new Semaphore(properties.batch());
        Map<Long, Boolean> inFlight = new ConcurrentHashMap<>();
        long renewed = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - renewed > properties.claimTimeout().toNanos() / 4) {
                    repository.renewClaims(worker, List.copyOf(inFlight.keySet()), clock.instant());
                    renewed = System.nanoTime();
                }
                repository.reclaimStale(clock.instant().minus(properties.claimTimeout()));
                int free = room.availablePermits();
                List<BroadcastRepository.Delivery> batch = free == 0 ? List.of() : repository.claim(worker, free, clock.instant());
                if (batch.isEmpty()) {
                    Thread.sleep(properties.idlePoll().toMillis());
                    continue;
                }
                room.acquire(batch.size());
                process(batch, room, inFlight);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                outage.down(e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void process(List<BroadcastRepository.Delivery> batch, Semaphore room, Map<Long, Boolean> inFlight) {
        Map<Long, Optional<Broadcast>> broadcasts = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            BroadcastRepository.Delivery delivery = batch.get(i);
            if (!running) {
                repository.release(batch.subList(i, batch.size()).stream().map(BroadcastRepository.Delivery::id).toList());
                room.release(batch.size() - i);
                return;
            }
            Optional<Broadcast> broadcast = broadcasts.computeIfAbsent(delivery.broadcastId(), repository::byId);
            // what is logged about this delivery names its chat in the MDC, as the update handling does
            String previousChat = MDC.get("chatId");
            MDC.put("chatId", Long.toString(delivery.chatId()));
            try {
                Optional<CompletableFuture<SendResult>> sending = deliver(delivery, broadcast);
                if (sending.isEmpty()) {
                    room.release();
                    continue;
                }
                inFlight.put(delivery.id(), true);
                sending.get().whenComplete((result, error) -> {
                    // completed on whichever thread settled the send: that thread's own MDC is put back after
                    String settlingChat = MDC.get("chatId");
                    MDC.put("chatId", Long.toString(delivery.chatId()));
                    try {
                        record(delivery, broadcast.get(), result, error);
                    } catch (RuntimeException e) {
                        log.error("delivery {} to chat {} could not be recorded; it will be given back", delivery.id(), delivery.chatId(), e);
                    } finally {
                        restoreChat(settlingChat);
                        inFlight.remove(delivery.id());
                        room.release();
                    }
                });
                outage.over();
            } catch (RuntimeException e) {
                room.release();
                log.error("delivery {} to chat {} failed", delivery.id(), delivery.chatId(), e);
                retryOrFail(delivery, e.getClass().getSimpleName());
            } finally {
                restoreChat(previousChat);
            }
        }
    }

    private static void restoreChat(String previous) {
        if (previous == null) {
            MDC.remove("chatId");
        } else {
            MDC.put("chatId", previous);
        }
    }

    /** Hands the delivery to the outbound queues, or settles it at once (too late, withdrawn); empty then. */
    private Optional<CompletableFuture<SendResult>> deliver(BroadcastRepository.Delivery delivery, Optional<Broadcast> broadcast) {
        if (delivery.deadline() != null && !clock.instant().isBefore(delivery.deadline())) {
            // a reminder for a shift that has started is dropped, not sent late
            repository.failed(delivery.id(), "past its deadline");
            count("too_late");
            return Optional.empty();
        }
        BroadcastContent content = broadcast.map(b -> contents.get(b.kind())).orElse(null);
        if (content == null) {
            repository.failed(delivery.id(), "no content for this broadcast");
            return Optional.empty();
        }
        Optional<Outbound> message = content.render(broadcast.get(), delivery.chatId(), delivery.toVolunteer());
        if (message.isEmpty()) {
            repository.failed(delivery.id(), "withdrawn");
            count("withdrawn");
            return Optional.empty();
        }
        return Optional.of(sender.send(message.get(), Traffic.BULK));
    }

    private void record(BroadcastRepository.Delivery delivery, Broadcast broadcast, SendResult result, Throwable error) {
        if (result instanceof SendResult.Sent sent) {
            repository.sent(delivery.id(), sent.chatId(), sent.messageId(), clock.instant());
            contents.get(broadcast.kind()).delivered(broadcast, sent.chatId(), sent.messageId());
            count("sent");
            return;
        }
        if (!(result instanceof SendResult.Refused refused) || refused.reason() == SendResult.Reason.GAVE_UP) {
            retryOrFail(delivery, result == null ? String.valueOf(error) : ((SendResult.Refused) result).description());
        } else {
            repository.failed(delivery.id(), refused.reason().name().toLowerCase() + ": " + refused.description());
            count("failed");
        }
    }

    private void retryOrFail(BroadcastRepository.Delivery delivery, String why) {
        if (delivery.attempts() >= properties.maxAttempts()) {
            repository.failed(delivery.id(), why);
            count("failed");
            return;
        }
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(10, delivery.attempts() - 1));
        repository.retryAt(delivery.id(), clock.instant().plus(wait), why);
        count("retried");
    }

    private void count(String outcome) {
        meters.counter("muster.broadcast.deliveries", "outcome", outcome).increment();
    }

    /** Finishes the sends in progress, gives back the rest of each batch, and stops claiming. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the dispatcher and the web server, so sends in progress still have the sender. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
