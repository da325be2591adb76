package org.muster.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * Muster's own long-polling loop. Unlike the library's session, it confirms an offset to Telegram
 * only after every update of the batch was handled, so a crash replays the batch instead of losing
 * it; the dispatcher's de-duplication makes the replay harmless.
 */
@Component
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "polling", matchIfMissing = true)
class PollingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query", "my_chat_member");

    private final BotConnection connection;
    private final UpdateSink gateway;
    private final TelegramProperties.Polling settings;
    private volatile boolean running;
    private volatile Thread thread;
    /** The next update id to ask for; every id below it was handled. */
    private volatile long offset;
    private volatile long confirmed;

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
        long backoffMillis = 1000;
        removeWebhook();
        while (running) {
            try {
                pollOnce();
                backoffMillis = 1000;
            } catch (TelegramApiRequestException e) {
                if (!running) {
                    break;
                }
                if (Integer.valueOf(409).equals(e.getErrorCode())) {
                    log.error("Telegram refused getUpdates: {}. Is another instance polling, or a webhook set?", e.getApiResponse());
                } else {
                    log.warn("getUpdates failed: {} {}", e.getErrorCode(), e.getApiResponse());
                }
                backoffMillis = pause(backoffMillis);
            } catch (TelegramApiException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("getUpdates failed: {}", e.getMessage());
                backoffMillis = pause(backoffMillis);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** One long poll and the handling of what it brought. */
    void pollOnce() throws TelegramApiException, InterruptedException {
        List<Update> updates = fetch();
        if (!updates.isEmpty()) {
            handle(updates);
        }
    }

    private List<Update> fetch() throws TelegramApiException {
        long asked = offset;
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

    /** Hands the batch over, waits until all of it was handled, then moves the offset past it. */
    private void handle(List<Update> updates) throws InterruptedException {
        List<CompletableFuture<Void>> handled = new ArrayList<>(updates.size());
        for (Update update : updates) {
            handled.add(gateway.accept(update));
        }
        long next = offset;
        for (int i = 0; i < updates.size(); i++) {
            long id = updates.get(i).getUpdateId();
            try {
                handled.get(i).get();
                if (next <= id) {
                    next = id + 1;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // not handled (shutting down): stop here so this one and those after it come again
                log.info("update {} was not handled ({}); it will be fetched again", id, e.getCause().toString());
                break;
            }
        }
        offset = next;
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
