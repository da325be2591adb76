package org.muster.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Holds {@code GET .../messages/wait} requests until the bot has posted in the chat after the given
 * message, or until their timeout, then answers with the transcript after that message. All of it
 * runs under the world's lock, so no bot message can slip between the check and the wait.
 */
@Component
@ConditionalOnSandbox
class TranscriptWaiters {

    private static final class Waiter {
        final long chatId;
        final int after;
        final CompletableFuture<JsonNode> answer;
        ScheduledFuture<?> timer;

        Waiter(long chatId, int after, CompletableFuture<JsonNode> answer) {
            this.chatId = chatId;
            this.after = after;
            this.answer = answer;
        }
    }

    private final SandboxWorld world;
    private final TranscriptJson json;
    private final BotIdentity bot;
    private final SandboxScheduler scheduler;
    private final List<Waiter> waiters = new ArrayList<>();

    TranscriptWaiters(SandboxWorld world, TranscriptJson json, BotIdentity bot, SandboxScheduler scheduler) {
        this.world = world;
        this.json = json;
        this.bot = bot;
        this.scheduler = scheduler;
    }

    /** Caller holds the world's lock and has checked that the chat exists. */
    void await(SandboxChat chat, int after, Duration timeout, CompletableFuture<JsonNode> answer) {
        boolean botSpoke = chat.messages.tailMap(after, false).values().stream().anyMatch(m -> bot.isBot(m.fromId));
        if (botSpoke || timeout.isZero()) {
            answer.complete(json.messages(chat, after));
            return;
        }
        Waiter waiter = new Waiter(chat.id, after, answer);
        waiters.add(waiter);
        waiter.timer = scheduler.after(timeout, () -> world.read(() -> {
            if (waiters.remove(waiter)) {
                world.chat(waiter.chatId).ifPresentOrElse(
                        current -> waiter.answer.complete(json.messages(current, waiter.after)),
                        () -> waiter.answer.complete(SandboxJson.array()));
            }
            return null;
        }));
    }

    /** How many transcript waits are held now. */
    int held() {
        return world.read(() -> (int) waiters.stream().filter(w -> !w.answer.isDone()).count());
    }

    /** Answers every held wait with the transcript as it is, e.g. when the application stops. */
    void releaseAll() {
        world.read(() -> {
            for (Waiter waiter : waiters) {
                waiter.timer.cancel(false);
                world.chat(waiter.chatId).ifPresentOrElse(
                        chat -> waiter.answer.complete(json.messages(chat, waiter.after)),
                        () -> waiter.answer.complete(SandboxJson.array()));
            }
            waiters.clear();
            return null;
        });
    }

    /** Caller holds the world's lock: the bot has just posted this message. */
    void botPosted(SandboxChat chat, SandboxMessage message) {
        for (Iterator<Waiter> each = waiters.iterator(); each.hasNext(); ) {
            Waiter waiter = each.next();
            if (waiter.answer.isDone()) {
                each.remove();
            } else if (waiter.chatId == chat.id && waiter.after < message.messageId) {
                each.remove();
                waiter.timer.cancel(false);
                waiter.answer.complete(json.messages(chat, waiter.after));
            }
        }
    }
}
