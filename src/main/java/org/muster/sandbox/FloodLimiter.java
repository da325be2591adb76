package org.muster.sandbox;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Telegram's flood limits as token buckets: every send or edit draws from the bot's global budget
 * and from its chat's budget (a private chat: one a second with a short burst; a group: twenty a
 * minute). A send that would overdraw any of them is refused whole with 429 and the whole seconds
 * until it would pass; nothing is drawn then.
 */
@Component
@ConditionalOnSandbox
class FloodLimiter {

    private static final class Bucket {
        final double capacity;
        final double perMilli;
        double tokens;
        long refilledAt;

        Bucket(double capacity, double perMilli, long now) {
            this.capacity = capacity;
            this.perMilli = perMilli;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perMilli);
            refilledAt = now;
        }

        double millisUntilOne() {
            return tokens >= 1 ? 0 : (1 - tokens) / perMilli;
        }
    }

    private final SandboxProperties.Flood limits;
    private final SandboxSettings settings;
    private final SandboxClock clock;
    private Bucket global;
    private final Map<Long, Bucket> chats = new HashMap<>();

    FloodLimiter(SandboxProperties properties, SandboxSettings settings, SandboxClock clock) {
        this.limits = properties.flood();
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Draws one send for the chat.
     *
     * @throws BotApiException 429 with {@code retry_after} when a limit is reached
     */
    synchronized void acquire(SandboxChat chat) {
        if (!settings.floodLimits()) {
            return;
        }
        long now = clock.millis();
        if (global == null) {
            global = new Bucket(limits.globalPerSecond(), limits.globalPerSecond() / 1000.0, now);
        }
        Bucket own = chats.computeIfAbsent(chat.id, id -> chat.isPrivate()
                ? new Bucket(limits.privateBurst(), limits.privatePerSecond() / 1000.0, now)
                : new Bucket(limits.groupBurst(), limits.groupPerMinute() / 60_000.0, now));
        global.refill(now);
        own.refill(now);
        double waitMillis = Math.max(global.millisUntilOne(), own.millisUntilOne());
        if (waitMillis > 0) {
            throw BotApiException.tooManyRequests((int) Math.max(1, Math.ceil(waitMillis / 1000.0)));
        }
        global.tokens -= 1;
        own.tokens -= 1;
    }

    /** Forgets all budgets, e.g. when flood limits are switched back on. */
    synchronized void reset() {
        global = null;
        chats.clear();
    }
}
