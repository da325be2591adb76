package org.muster.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The updates Telegram holds for the bot until it takes them, with Telegram's rules: a rising
 * {@code update_id}; {@code allowed_updates} remembered and applied when an update is created;
 * an update confirmed (dropped) once getUpdates asks with a higher offset; a negative offset
 * keeping only the last updates; updates kept 24 hours; getUpdates refused while a webhook is set;
 * and one long poll at a time, an older one answered with 409 when a newer one arrives.
 *
 * <p>Its own lock is only ever taken after the world's lock, or alone.
 */
@Component
@ConditionalOnSandbox
class UpdateQueue {

    /** Every update type a bot can ask for in {@code allowed_updates}. */
    static final Set<String> UPDATE_TYPES = Set.of("message", "edited_message", "channel_post", "edited_channel_post",
            "business_connection", "business_message", "edited_business_message", "deleted_business_messages",
            "message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query",
            "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member",
            "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost");
    /** What a bot receives when it has not chosen: everything but these. */
    private static final Set<String> NOT_BY_DEFAULT = Set.of("chat_member", "message_reaction", "message_reaction_count");
    private static final int MAX_LONG_POLL_SECONDS = 50;
    private static final long KEPT_MILLIS = Duration.ofHours(24).toMillis();

    record PendingUpdate(int updateId, String type, ObjectNode payload, long createdAtMillis) {

        ObjectNode toJson() {
            ObjectNode json = SandboxJson.object().put("update_id", updateId);
            json.set(type, payload.deepCopy());
            return json;
        }
    }

    /** A webhook delivery in flight: the update and where it goes. */
    record Delivery(PendingUpdate update, String url, String secretToken, long generation) {
    }

    record Snapshot(int nextUpdateId, List<PendingUpdate> pending, List<String> allowedUpdates, WebhookSettings webhook) {
    }

    private record WaitingPoll(int limit, CompletableFuture<JsonNode> answer, ScheduledFuture<?> timer) {
    }

    private final Object lock = new Object();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final SandboxClock clock;
    private final SandboxScheduler scheduler;

    private int nextUpdateId;
    private final ArrayDeque<PendingUpdate> pending = new ArrayDeque<>();
    private List<String> allowedUpdates = List.of();
    private WebhookSettings webhook;
    private long webhookGenerations;
    private WaitingPoll waiting;
    private boolean closing;

    UpdateQueue(SandboxClock clock, SandboxScheduler scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
        // emulators that share one Redis in tests must not hand out the same update_id; the range
        // stays well inside the Integer that TelegramBots uses for update_id
        this.nextUpdateId = 100_000_000 + ThreadLocalRandom.current().nextInt(800_000_000);
    }

    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /**
     * Queues an update for the bot unless {@code allowed_updates} excludes its type.
     *
     * @return its update_id, or null when it was filtered out
     */
    Integer enqueue(String type, ObjectNode payload) {
        Integer id;
        synchronized (lock) {
            if (!allowed(type)) {
                return null;
            }
            id = nextUpdateId++;
            pending.addLast(new PendingUpdate(id, type, payload, clock.millis()));
            answerWaitingPoll();
            lock.notifyAll();
        }
        changed();
        return id;
    }

    /**
     * Answers a getUpdates call now or, when nothing is pending, once an update arrives or the
     * timeout has passed.
     */
    void getUpdates(long offset, int limit, int timeoutSeconds, List<String> allowed, CompletableFuture<JsonNode> answer) {
        int boundedLimit = Math.max(1, Math.min(100, limit));
        int boundedTimeout = Math.max(0, Math.min(MAX_LONG_POLL_SECONDS, timeoutSeconds));
        synchronized (lock) {
            if (webhook != null) {
                answer.completeExceptionally(BotApiException.conflict(
                        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
                return;
            }
            if (allowed != null) {
                allowedUpdates = List.copyOf(allowed);
            }
            terminateWaitingPoll(BotApiException.conflict(
                    "terminated by other getUpdates request; make sure that only one bot instance is running"));
            confirm(offset);
            dropExpired();
            if (!pending.isEmpty() || boundedTimeout == 0 || closing) {
                answer.complete(take(boundedLimit));
            } else {
                CompletableFuture<JsonNode> held = answer;
                ScheduledFuture<?> timer = scheduler.after(Duration.ofSeconds(boundedTimeout), () -> expire(held));
                waiting = new WaitingPoll(boundedLimit, answer, timer);
            }
        }
        changed();
    }

    /** @return the description Telegram answers with */
    String setWebhook(WebhookSettings settings, List<String> allowed, boolean dropPending) {
        String description;
        synchronized (lock) {
            boolean same = webhook != null && webhook.url.equals(settings.url);
            description = same ? "Webhook is already set" : "Webhook was set";
            settings.generation = ++webhookGenerations;
            if (same) {
                settings.lastErrorDate = webhook.lastErrorDate;
                settings.lastErrorMessage = webhook.lastErrorMessage;
            }
            webhook = settings;
            if (allowed != null) {
                allowedUpdates = List.copyOf(allowed);
            }
            if (dropPending) {
                pending.clear();
            }
            terminateWaitingPoll(BotApiException.conflict(
                    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
            lock.notifyAll();
        }
        changed();
        return description;
    }

    /** @return the description Telegram answers with */
    String deleteWebhook(boolean dropPending) {
        String description;
        synchronized (lock) {
            description = webhook == null ? "Webhook is already deleted" : "Webhook was deleted";
            webhook = null;
            if (dropPending) {
                pending.clear();
            }
            lock.notifyAll();
        }
        changed();
        return description;
    }

    /** The application is running (again, after a stop): long polls are held once more. */
    void open() {
        synchronized (lock) {
            closing = false;
        }
    }

    /** The application is stopping: answer the held poll now and hold no other. */
    void close() {
        synchronized (lock) {
            closing = true;
            answerWaitingPoll();
        }
    }

    ObjectNode webhookInfo() {
        synchronized (lock) {
            dropExpired();
            ObjectNode info = SandboxJson.object().put("url", webhook == null ? "" : webhook.url)
                    .put("has_custom_certificate", webhook != null && webhook.hasCustomCertificate)
                    .put("pending_update_count", pending.size());
            if (webhook != null) {
                SandboxJson.putIfPresent(info, "ip_address", webhook.ipAddress);
                if (webhook.lastErrorMessage != null) {
                    info.put("last_error_date", webhook.lastErrorDate).put("last_error_message", webhook.lastErrorMessage);
                }
                info.put("max_connections", webhook.maxConnections);
                if (!allowedUpdates.isEmpty()) {
                    ArrayNode types = info.putArray("allowed_updates");
                    allowedUpdates.forEach(types::add);
                }
            }
            return info;
        }
    }

    /** Whether a getUpdates call is being held for news. */
    boolean pollHeld() {
        synchronized (lock) {
            return waiting != null && !waiting.answer().isDone();
        }
    }

    int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** The update the webhook deliverer should send next; null when none came within the wait. */
    Delivery awaitDelivery(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (lock) {
            while (true) {
                dropExpired();
                if (webhook != null && !pending.isEmpty()) {
                    return new Delivery(pending.peekFirst(), webhook.url, webhook.secretToken, webhook.generation);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void delivered(Delivery delivery) {
        synchronized (lock) {
            if (current(delivery) && !pending.isEmpty() && pending.peekFirst().updateId() == delivery.update().updateId()) {
                pending.pollFirst();
            }
        }
        changed();
    }

    void deliveryFailed(Delivery delivery, String message) {
        synchronized (lock) {
            if (current(delivery)) {
                webhook.lastErrorDate = clock.unixSeconds();
                webhook.lastErrorMessage = message;
            }
        }
        changed();
    }

    boolean webhookActive() {
        synchronized (lock) {
            return webhook != null;
        }
    }

    /** Drops the updates the bot has not taken yet (the world they speak of is gone); ids go on counting. */
    void dropPending() {
        synchronized (lock) {
            pending.clear();
            lock.notifyAll();
        }
        changed();
    }

    Snapshot snapshot() {
        synchronized (lock) {
            return new Snapshot(nextUpdateId, new ArrayList<>(pending), allowedUpdates, webhook);
        }
    }

    void restore(Snapshot snapshot) {
        synchronized (lock) {
            nextUpdateId = snapshot.nextUpdateId();
            pending.clear();
            pending.addAll(snapshot.pending());
            allowedUpdates = snapshot.allowedUpdates() == null ? List.of() : List.copyOf(snapshot.allowedUpdates());
            webhook = snapshot.webhook();
            if (webhook != null) {
                webhook.generation = ++webhookGenerations;
            }
            lock.notifyAll();
        }
    }

    private boolean allowed(String type) {
        return allowedUpdates.isEmpty() ? !NOT_BY_DEFAULT.contains(type) : allowedUpdates.contains(type);
    }

    private void confirm(long offset) {
        if (offset > 0) {
            while (!pending.isEmpty() && pending.peekFirst().updateId() < offset) {
                pending.pollFirst();
            }
        } else if (offset < 0) {
            while (pending.size() > -offset) {
                pending.pollFirst();
            }
        }
    }

    private void dropExpired() {
        long oldest = clock.millis() - KEPT_MILLIS;
        while (!pending.isEmpty() && pending.peekFirst().createdAtMillis() < oldest) {
            pending.pollFirst();
        }
    }

    private ArrayNode take(int limit) {
        ArrayNode updates = SandboxJson.array();
        for (PendingUpdate update : pending) {
            if (updates.size() >= limit) {
                break;
            }
            updates.add(update.toJson());
        }
        return updates;
    }

    private void answerWaitingPoll() {
        WaitingPoll poll = waiting;
        waiting = null;
        if (poll != null && !poll.answer().isDone()) {
            poll.timer().cancel(false);
            poll.answer().complete(take(poll.limit()));
        }
    }

    private void terminateWaitingPoll(BotApiException why) {
        WaitingPoll poll = waiting;
        waiting = null;
        if (poll != null && !poll.answer().isDone()) {
            poll.timer().cancel(false);
            poll.answer().completeExceptionally(why);
        }
    }

    private void expire(CompletableFuture<JsonNode> answer) {
        synchronized (lock) {
            if (waiting != null && waiting.answer() == answer) {
                WaitingPoll poll = waiting;
                waiting = null;
                poll.answer().complete(take(poll.limit()));
            }
        }
    }

    private boolean current(Delivery delivery) {
        return webhook != null && webhook.generation == delivery.generation();
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }
}
