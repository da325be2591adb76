package org.muster.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.muster.conversation.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Muster's own long-polling loop. It keeps fetching while earlier updates are still being handled
 * (at most {@code muster.telegram.polling.max-in-flight} at once), and tells Telegram an offset only
 * up to the oldest update not handled yet, so a crash replays what was in progress instead of losing
 * it; the dispatcher's de-duplication makes the replay harmless. An update given back unhandled (its
 * server out of reach, the instance stopping) is fetched again after a growing wait.
 */
@Component
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "polling", matchIfMissing = true)
class PollingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query", "my_chat_member");
    private static final long FIRST_BACKOFF_MILLIS = 500;
    /** Short enough that after an outage updates are handled again within seconds of the server being back. */
    private static final long MAX_BACKOFF_MILLIS = 4_000;
    /** The shortest time between two polls while updates are in progress (see pollOnce). */
    private static final long BUSY_POLL_GAP_MILLIS = 50;

    private final BotConnection connection;
    private static final ObjectMapper TREES = new ObjectMapper();
    private final UpdateSink gateway;
    private final TelegramProperties.Polling settings;
    private final OutageLog telegramOutage = new OutageLog(log, "The Bot API (getUpdates)");
    private volatile boolean running;
    private volatile Thread thread;
    /** Updates handed over and not finished yet. */
    private final NavigableMap<Long, CompletableFuture<Void>> inFlight = new ConcurrentSkipListMap<>();
    /** Updates given back unhandled: the offset must not pass them, and they are fetched again. */
    private final NavigableSet<Long> givenBack = new ConcurrentSkipListSet<>();
    /** Finished above the oldest unfinished: fetched again with it, and skipped. */
    private final NavigableSet<Long> finished = new ConcurrentSkipListSet<>();
    /** One past the highest update id seen. */
    private volatile long next;
    private volatile long confirmed;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;

    PollingLoop(BotConnection connection, UpdateSink gateway, TelegramProperties properties) {
        this.connection = connection;
        this.gateway = gateway;
        this.settings = properties.polling();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "telegram-poller");
        thread.start();
    }

    private void run() {
        long failureBackoff = 1000;
        removeWebhook();
        while (running) {
            try {
                pollOnce();
                telegramOutage.over();
                failureBackoff = 1000;
            } catch (TelegramApiRequestException e) {
                if (!running) {
                    break;
                }
                if (Integer.valueOf(409).equals(e.getErrorCode())) {
                    log.error("Telegram refused getUpdates: {}. Is another instance polling, or a webhook set?", e.getApiResponse());
                } else {
                    telegramOutage.down(e);
                }
                failureBackoff = pause(failureBackoff);
            } catch (TelegramApiException | RuntimeException e) {
                if (!running) {
                    break;
                }
                telegramOutage.down(e);
                failureBackoff = pause(failureBackoff);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** One long poll, and the updates it brought handed over (not waited for). */
    void pollOnce() throws TelegramApiException, InterruptedException {
        awaitRoom();
        long asked = offset();
        if (!givenBack.isEmpty()) {
            // something was given back: wait a while before asking for it again (from the offset), longer each time
            Thread.sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            givenBack.headSet(asked, true).clear();
        }
        List<Update> updates = fetch(asked);
        int handedOver = 0;
        for (Update update : updates) {
            long id = update.getUpdateId();
            next = Math.max(next, id + 1);
            if (inFlight.containsKey(id) || finished.contains(id)) {
                continue;
            }
            handOver(update);
            handedOver++;
        }
        finished.headSet(offset()).clear();
        if (!inFlight.isEmpty()) {
            // while an update from the offset is unfinished Telegram answers at once, with it and the
            // others in progress: poll at most every BUSY_POLL_GAP then, so they are not fetched again in a loop
            awaitAllFor(BUSY_POLL_GAP_MILLIS);
        }
    }

    private void handOver(Update update) {
        long id = update.getUpdateId();
        CompletableFuture<Void> handled;
        try {
            // the library's model of the update, as the JSON tree the webhook reads too
            handled = gateway.accept(TREES.valueToTree(update));
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        inFlight.put(id, handled);
        handled.whenComplete((ok, error) -> {
            if (error == null) {
                finished.add(id);
                backoffMillis = FIRST_BACKOFF_MILLIS;
            } else {
                log.debug("update {} was given back ({}); it will be fetched again", id, rootCause(error));
                givenBack.add(id);
            }
            inFlight.remove(id);
        });
    }

    /** The oldest update not finished; all below it were handled. */
    private long offset() {
        long oldest = next;
        if (!inFlight.isEmpty()) {
            oldest = Math.min(oldest, inFlight.firstKey());
        }
        if (!givenBack.isEmpty()) {
            oldest = Math.min(oldest, givenBack.first());
        }
        return oldest;
    }

    private void awaitRoom() throws InterruptedException {
        while (running && inFlight.size() >= settings.maxInFlight()) {
            awaitAny();
        }
    }

    private void awaitAny() throws InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>(inFlight.values());
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // one failed or none finished within the second: look again either way
        }
    }

    private void awaitAllFor(long millis) throws InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>(inFlight.values());
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // some still running or one failed: poll again either way
        }
    }

    private List<Update> fetch(long asked) throws TelegramApiException {
        GetUpdates request = GetUpdates.builder()
                .offset((int) asked)
                .limit(settings.limit())
                .timeout((int) settings.timeout().toSeconds())
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
        List<Update> updates = connection.pollingClient().execute(request);
        confirmed = asked;
        return updates;
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private void removeWebhook() {
        try {
            connection.client().execute(DeleteWebhook.builder().dropPendingUpdates(false).build());
        } catch (TelegramApiException e) {
            log.warn("deleteWebhook failed: {}", e.getMessage());
        }
    }

    private long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(millis * 2, 30_000);
    }

    @Override
    public void stop() {
        running = false;
        connection.cancelPolling();
        Thread current = thread;
        if (current != null) {
            // it may be waiting out a back-off (updates given back, Telegram out of reach): not for 30 s more
            current.interrupt();
            try {
                current.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        confirmOffset();
    }

    /** Tells Telegram what was handled, so the next start does not fetch it again. */
    private void confirmOffset() {
        long offset = offset();
        if (offset == 0 || offset == confirmed) {
            return;
        }
        try {
            connection.client().execute(GetUpdates.builder().offset((int) offset).limit(1).timeout(0).build());
            confirmed = offset;
        } catch (TelegramApiException e) {
            log.info("could not confirm offset {} at shutdown ({}); those updates will be skipped as duplicates", offset, e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after everything else (the web server too) and stops first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
