package org.muster.telegram;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.muster.conversation.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * In webhook mode, tells Telegram at start-up where to post updates and with which secret.
 *
 * <p>Telegram refusing the webhook (a URL it will not post to, a wrong token: 400, 401, 403, 404)
 * is a configuration error and stops the start with Telegram's reason. Telegram out of reach, busy
 * (5xx) or pacing (429) is an outage: the instance starts and serves anyway — the webhook set by an
 * earlier start, or by another instance, keeps updates coming — and the registration is retried on a
 * thread of its own, 1 s after the first failure and doubling up to a minute (or after Telegram's
 * {@code retry_after}), logged when it starts failing and when it succeeds. Until then
 * {@code /actuator/health}'s {@code telegram} component says the webhook is not registered.
 */
@Component
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "webhook")
class WebhookRegistrar implements ApplicationListener<ApplicationReadyEvent>, DisposableBean, MeterBinder {

    enum State { PENDING, REGISTERED, REFUSED }

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistrar.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    private final BotConnection connection;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-registrar");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger failures = new AtomicInteger();
    private volatile State state = State.PENDING;
    private volatile String lastError = "";

    WebhookRegistrar(BotConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Duration retry = attempt();
        if (state == State.REFUSED) {
            throw new IllegalStateException("Telegram refused setWebhook to " + connection.webhookUrl() + ": " + lastError);
        }
        if (retry != null) {
            retries.schedule(this::retry, retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    State state() {
        return state;
    }

    /** Why the last attempt failed, without the token; empty when none did. */
    String lastError() {
        return lastError;
    }

    private void retry() {
        Duration next = attempt();
        if (next != null && !retries.isShutdown()) {
            retries.schedule(this::retry, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One setWebhook; answers when to try again, or null when there is nothing more to try. */
    private Duration attempt() {
        String url = connection.webhookUrl();
        SetWebhook setWebhook = SetWebhook.builder()
                .url(url)
                .secretToken(connection.webhookSecret())
                .allowedUpdates(PollingLoop.ALLOWED_UPDATES)
                .dropPendingUpdates(false)
                .build();
        try {
            connection.client().execute(setWebhook);
            int failed = failures.getAndSet(0);
            state = State.REGISTERED;
            lastError = "";
            if (failed == 0) {
                log.info("webhook registered: {}", url);
            } else {
                log.info("webhook registered: {} (after {} failed attempts)", url, failed);
            }
            return null;
        } catch (TelegramApiRequestException e) {
            lastError = withoutToken(e.getErrorCode() + " " + e.getApiResponse());
            if (refusal(e.getErrorCode())) {
                state = State.REFUSED;
                log.error("Telegram refused setWebhook to {}: {}; updates will not arrive until the configuration is fixed",
                        url, lastError);
                return null;
            }
            Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            return failed(url, retryAfter == null ? null : Duration.ofSeconds(retryAfter));
        } catch (TelegramApiException | RuntimeException e) {
            lastError = withoutToken(OutageLog.describe(e));
            return failed(url, null);
        }
    }

    private Duration failed(String url, Duration asked) {
        int failed = failures.incrementAndGet();
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failed - 1, 6));
        if (wait.compareTo(LONGEST_RETRY) > 0) {
            wait = LONGEST_RETRY;
        }
        if (asked != null && asked.compareTo(wait) > 0) {
            wait = asked;
        }
        // once when it starts failing, then once every ten attempts: a long outage does not fill the log
        if (failed == 1 || failed % 10 == 0) {
            log.warn("setWebhook to {} failed ({}), attempt {}; serving anyway and trying again in {} s", url, lastError, failed,
                    wait.toSeconds());
        }
        return wait;
    }

    private static boolean refusal(Integer code) {
        return code != null && (code == 400 || code == 401 || code == 403 || code == 404);
    }

    private String withoutToken(String text) {
        String token = connection.token();
        return token == null || token.isEmpty() ? text : text.replace(token, "<token>");
    }

    /** {@code muster_webhook_registered}: 1 once Telegram accepted this instance's setWebhook. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("muster.webhook.registered", this, registrar -> registrar.state == State.REGISTERED ? 1 : 0)
                .description("1 once Telegram accepted setWebhook from this instance, 0 while it is pending or was refused")
                .register(registry);
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
