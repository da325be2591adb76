package org.muster.telegram;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param token the bot token from BotFather; empty runs Muster in sandbox mode
 * @param apiUrl the Bot API base URL (a local Bot API server may stand here)
 * @param mode how updates arrive
 * @param webhookSecret checked against {@code X-Telegram-Bot-Api-Secret-Token}; required in webhook mode
 * @param webhookUrl the public HTTPS URL Telegram posts updates to (webhook mode)
 * @param webhookPath where this application listens for them
 * @param polling long-polling settings
 * @param pacing outbound rate limits, shared by all instances through Redis
 * @param retry how often and how long to retry a send that failed for a passing reason
 * @param senders threads that drain the outbound queues (they wait for Telegram, not for CPU)
 */
@ConfigurationProperties("muster.telegram")
public record TelegramProperties(
        String token,
        @DefaultValue("https://api.telegram.org") URI apiUrl,
        @DefaultValue("polling") Mode mode,
        String webhookSecret,
        String webhookUrl,
        @DefaultValue("/telegram/webhook") String webhookPath,
        @DefaultValue Polling polling,
        @DefaultValue Pacing pacing,
        @DefaultValue Retry retry,
        @DefaultValue("4") int senders) {

    public enum Mode { POLLING, WEBHOOK }

    public boolean sandbox() {
        return token == null || token.isBlank();
    }

    /**
     * @param timeout how long one {@code getUpdates} call waits for news
     * @param limit updates per batch (1-100)
     * @param maxInFlight updates handed over and not finished yet, at most; the poller waits past that
     */
    public record Polling(@DefaultValue("25s") Duration timeout, @DefaultValue("100") int limit,
                          @DefaultValue("1000") int maxInFlight) {
    }

    /**
     * Telegram allows about 30 messages a second overall, one a second in a private chat (short
     * bursts pass) and 20 a minute in a group. The global budget is spent smoothly (a small burst),
     * so that jitter on the way never makes Telegram count more than the rate.
     */
    public record Pacing(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30") int globalPerSecond,
            @DefaultValue("5") int globalBurst,
            @DefaultValue("1") int privatePerSecond,
            @DefaultValue("3") int privateBurst,
            @DefaultValue("20") int groupPerMinute,
            @DefaultValue("20") int groupBurst) {
    }

    /**
     * @param maxAttempts attempts for network errors and 5xx answers
     * @param initialBackoff first wait; doubles each time up to {@code maxBackoff}
     * @param maxRateLimitWaits how many 429 answers one send may sit out before it gives up
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("10") int maxRateLimitWaits) {
    }
}
