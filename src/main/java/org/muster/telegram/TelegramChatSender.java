package org.muster.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.muster.conversation.BotRemovedFromChat;
import org.muster.conversation.ChatMoved;
import org.muster.conversation.ChatSender;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * The one outbound path. Each call waits for its turn ({@link SendPacer}), then runs; a 429 pauses
 * the chat for {@code retry_after} and tries again, 5xx and network errors are retried with growing
 * waits, a 403 becomes {@link BotRemovedFromChat}, and a group that became a supergroup becomes
 * {@link ChatMoved} and the send goes to the new chat.
 */
@Component
class TelegramChatSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger(TelegramChatSender.class);

    private final BotConnection connection;
    private final SendPacer pacer;
    private final BotApiCalls calls;
    private final ApplicationEventPublisher events;
    private final TelegramProperties.Retry retry;
    private final MeterRegistry meters;

    TelegramChatSender(BotConnection connection, SendPacer pacer, Texts texts, ApplicationEventPublisher events,
                       TelegramProperties properties, MeterRegistry meters) {
        this.connection = connection;
        this.pacer = pacer;
        this.calls = new BotApiCalls(texts);
        this.events = events;
        this.retry = properties.retry();
        this.meters = meters;
    }

    @Override
    public SendResult send(Outbound outbound) {
        try {
            return deliver(outbound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Refused(SendResult.Reason.GAVE_UP, "interrupted");
        }
    }

    private SendResult deliver(Outbound outbound) throws InterruptedException {
        List<BotApiCalls.Call> parts = calls.callsFor(outbound);
        SendResult result = null;
        for (int i = 0; i < parts.size(); i++) {
            Outbound current = outbound;
            int index = i;
            result = deliver(current, parts.get(i), moved -> calls.callsFor(moved).get(index));
            if (!result.ok()) {
                return result;
            }
        }
        return result;
    }

    private SendResult deliver(Outbound outbound, BotApiCalls.Call first, java.util.function.Function<Outbound, BotApiCalls.Call> callFor)
            throws InterruptedException {
        Outbound current = outbound;
        BotApiCalls.Call call = first;
        int failures = 0;
        int rateLimited = 0;
        Duration backoff = retry.initialBackoff();
        while (true) {
            if (call.paced()) {
                pacer.acquire(call.chatId());
            }
            Timer.Sample timing = Timer.start(meters);
            String outcome = "ok";
            try {
                Serializable result = call.run(connection.client());
                return new SendResult.Sent(BotApiCalls.messageIdOf(result), call.chatId());
            } catch (TelegramApiValidationException e) {
                outcome = "invalid";
                log.error("{} to chat {} not sent, it is invalid: {}", call.method(), call.chatId(), e.getMessage());
                return new SendResult.Refused(SendResult.Reason.REJECTED, e.getMessage());
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                String description = e.getApiResponse() != null ? e.getApiResponse() : e.getMessage();
                if (code != null && code == 429) {
                    outcome = "rate_limited";
                    meters.counter("muster.telegram.rate_limited", "method", call.method()).increment();
                    if (++rateLimited > retry.maxRateLimitWaits()) {
                        return gaveUp(call, "still rate limited after " + rateLimited + " waits");
                    }
                    int seconds = e.getParameters() != null && e.getParameters().getRetryAfter() != null
                            ? e.getParameters().getRetryAfter() : 1;
                    log.warn("{} to chat {} hit the flood limit; waiting {} s as Telegram asks", call.method(), call.chatId(), seconds);
                    pacer.pause(call.chatId(), Duration.ofSeconds(seconds));
                    continue;
                }
                if (code != null && code == 403) {
                    outcome = "forbidden";
                    log.info("{} to chat {} refused: {}", call.method(), call.chatId(), description);
                    events.publishEvent(new BotRemovedFromChat(call.chatId(), description));
                    return new SendResult.Refused(SendResult.Reason.UNREACHABLE, description);
                }
                Long movedTo = e.getParameters() == null ? null : e.getParameters().getMigrateToChatId();
                if (movedTo != null) {
                    outcome = "migrated";
                    log.info("chat {} became supergroup {}", call.chatId(), movedTo);
                    events.publishEvent(new ChatMoved(call.chatId(), movedTo));
                    Outbound moved = current.retarget(movedTo);
                    if (moved == current) {
                        return new SendResult.Refused(SendResult.Reason.REJECTED, description);
                    }
                    current = moved;
                    call = callFor.apply(current);
                    continue;
                }
                if (code != null && code >= 400 && code < 500) {
                    if (description.contains("message is not modified")) {
                        return new SendResult.Sent(0, call.chatId());
                    }
                    outcome = "rejected";
                    log.warn("{} to chat {} rejected: {} {}", call.method(), call.chatId(), code, description);
                    return new SendResult.Refused(SendResult.Reason.REJECTED, description);
                }
                outcome = "server_error";
                if (++failures >= retry.maxAttempts()) {
                    return gaveUp(call, description);
                }
                log.warn("{} to chat {} failed ({}); retrying in {} ms", call.method(), call.chatId(), description, backoff.toMillis());
            } catch (TelegramApiException e) {
                outcome = "network_error";
                if (++failures >= retry.maxAttempts()) {
                    return gaveUp(call, e.getMessage());
                }
                log.warn("{} to chat {} failed ({}); retrying in {} ms", call.method(), call.chatId(), e.getMessage(), backoff.toMillis());
            } finally {
                timing.stop(meters.timer("muster.telegram.send", "method", call.method(), "outcome", outcome));
            }
            Thread.sleep(jittered(backoff));
            backoff = backoff.multipliedBy(2).compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    private SendResult gaveUp(BotApiCalls.Call call, String why) {
        log.error("{} to chat {} given up: {}", call.method(), call.chatId(), why);
        return new SendResult.Refused(SendResult.Reason.GAVE_UP, why);
    }

    private static long jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }
}
