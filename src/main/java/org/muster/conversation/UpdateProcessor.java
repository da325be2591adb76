package org.muster.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Handles one update from start to end: claims it, routes it, hands the replies to the outbound
 * queues (without waiting for them), and marks it done. A failure is logged with the update id and
 * answered with one short "something went wrong"; it never reaches the worker that runs the next
 * update. When Redis or PostgreSQL is out of reach nothing of the update is done: it is given back
 * ({@link ServiceUnavailable}) to be handled again later, and the outage is logged once.
 *
 * <p>Each update is timed in {@code muster.updates} by kind and outcome, with percentile histogram
 * buckets ({@code muster_updates_seconds_bucket}). The timers of a kind are registered when the first
 * update of that kind arrives and kept, so handling an update builds no tags and looks nothing up.
 */
@Component
class UpdateProcessor implements InboundProcessing {

    private static final Logger log = LoggerFactory.getLogger(UpdateProcessor.class);

    /** The {@code outcome} tag of {@code muster.updates}. */
    private enum Outcome {
        HANDLED("handled"), DUPLICATE("duplicate"), HELD_ELSEWHERE("held_elsewhere"), UNAVAILABLE("unavailable"), FAILED("failed");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final UpdateLedger ledger;
    private final TurnFactory turns;
    private final UpdateRouter router;
    private final ChatSender sender;
    private final MeterRegistry meters;
    /** Per kind of inbound, its timers by {@link Outcome}. */
    private final ClassValue<Timer[]> timers = new ClassValue<>() {
        @Override
        protected Timer[] computeValue(Class<?> kind) {
            Outcome[] outcomes = Outcome.values();
            Timer[] byOutcome = new Timer[outcomes.length];
            for (Outcome outcome : outcomes) {
                byOutcome[outcome.ordinal()] = Timer.builder("muster.updates")
                        .description("updates handled, from the claim to the replies handed to the outbound queues")
                        .tags("kind", kind.getSimpleName(), "outcome", outcome.tag)
                        .publishPercentileHistogram()
                        .register(meters);
            }
            return byOutcome;
        }
    };
    private final GroupPrompts prompts;
    private final OutageLog outage = new OutageLog(log, "PostgreSQL or Redis (update handling)");
    /** Private chats told "busy" during the current outage: once each is enough. */
    private final Set<Long> busyTold = ConcurrentHashMap.newKeySet();

    private final TurnFollowUps followUps;
    private final UnsentReplies unsent;

    UpdateProcessor(UpdateLedger ledger, TurnFactory turns, UpdateRouter router, ChatSender sender, MeterRegistry meters,
                    GroupPrompts prompts, TurnFollowUps followUps, UnsentReplies unsent) {
        this.unsent = unsent;
        this.prompts = prompts;
        this.followUps = followUps;
        this.ledger = ledger;
        this.turns = turns;
        this.router = router;
        this.sender = sender;
        this.meters = meters;
    }

    @Override
    public void process(Inbound inbound) {
        processed(inbound, false);
    }

    /**
     * Handles the update on this worker; the answer completes once its replies and follow-ups have left
     * the outbound queues (sent, refused or given up), which the worker does not wait for. With
     * {@code untilSent} (a webhook update) they are kept in Redis with the done mark until each has left
     * ({@link UnsentReplies}), and a done update that comes again with replies kept has them sent now.
     */
    @Override
    public CompletableFuture<Void> processed(Inbound inbound, boolean untilSent) {
        List<CompletableFuture<?>> out = new ArrayList<>();
        List<CompletableFuture<Boolean>> keptLeft = new ArrayList<>();
        handle(inbound, untilSent, out, keptLeft);
        CompletableFuture<Void> left = CompletableFuture.allOf(out.stream().filter(java.util.Objects::nonNull).toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> null);
        if (keptLeft.isEmpty()) {
            return left;
        }
        return left.thenCompose(ignored -> CompletableFuture.allOf(keptLeft.toArray(CompletableFuture[]::new)))
                .thenApply(ignored -> {
                    long handedBack = keptLeft.stream().filter(sent -> !sent.join()).count();
                    if (handedBack > 0) {
                        // kept in Redis: whichever instance Telegram delivers the update to again sends them
                        log.info("update {}: {} of its replies not sent before this instance stopped; handed back, for the instance "
                                + "Telegram delivers it to again", inbound.updateId(), handedBack);
                        throw new ServiceUnavailable("replies of update " + inbound.updateId() + " handed back at shutdown", null);
                    }
                    return null;
                });
    }

    private void handle(Inbound inbound, boolean untilSent, List<CompletableFuture<?>> out, List<CompletableFuture<Boolean>> keptLeft) {
        MDC.put("updateId", Long.toString(inbound.updateId()));
        MDC.put("chatId", Long.toString(inbound.chat().id()));
        long started = System.nanoTime();
        Outcome outcome = Outcome.HANDLED;
        Traffic traffic = inbound.chat().isPrivate() ? Traffic.INTERACTIVE : Traffic.REPLY;
        followUps.begin();
        boolean kept = false;
        int keptReplies = 0;
        try {
            UpdateLedger.Claimed claimed;
            try {
                claimed = ledger.claim(inbound.updateId(), inbound.chat().id(), inbound.from().id());
            } catch (RuntimeException e) {
                outcome = Outcome.UNAVAILABLE;
                throw unavailable(inbound, "Redis", e);
            }
            UpdateLedger.Claim claim = claimed.claim();
            if (claim == UpdateLedger.Claim.DONE_ALREADY) {
                outcome = Outcome.DUPLICATE;
                if (!claimed.unsent().isEmpty()) {
                    sendOrphans(inbound, claimed.unsent(), traffic, out, keptLeft);
                    return;
                }
                log.info("update {} was already handled; skipped", inbound.updateId());
                return;
            }
            if (claim == UpdateLedger.Claim.HELD_ELSEWHERE) {
                // another instance is on it: asked again later, it is done by then (or its claim ran out)
                outcome = Outcome.HELD_ELSEWHERE;
                throw new ServiceUnavailable("update " + inbound.updateId() + " is held by another instance", null);
            }
            // read with the claim: the turn's first look at its conversation costs no round trip
            ConversationStore.preload(inbound.chat().id(), inbound.from().id(), claimed.conversation(), claimed.idleMarker());
            List<Outbound> replies;
            UpdateLedger.FactsToKeep keep;
            try {
                TurnFactory.Prepared prepared = turns.turnFor(inbound, claimed);
                keep = prepared.keep();
                replies = router.route(prepared.turn());
            } catch (RuntimeException | Error e) {
                if (ServiceUnavailable.isOutage(e)) {
                    outcome = Outcome.UNAVAILABLE;
                    release(inbound);
                    throw unavailable(inbound, "PostgreSQL or Redis", e);
                }
                // an Error too (a class missing from the jar, a stack overflow in a handler): the user
                // still gets an answer, and a pressed button stops spinning
                outcome = Outcome.FAILED;
                log.error("update {} ({}) failed", inbound.updateId(), inbound.getClass().getSimpleName(), e);
                if (e instanceof org.springframework.transaction.TransactionSystemException rollback
                        && rollback.getApplicationException() != null) {
                    // the failure the rollback's failure hid (TransactionTemplate's own log line is off)
                    log.error("update {}: what failed before the rollback", inbound.updateId(), rollback.getApplicationException());
                }
                apologise(inbound, out);
                markDone(inbound);
                if (e instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
                    throw fatal;
                }
                return;
            }
            if (outage.ongoing()) {
                outage.over();
                busyTold.clear();
            }
            List<String> toKeep = untilSent ? encode(replies, followUps.queued()) : List.of();
            markDone(inbound, keep, toKeep);
            kept = !toKeep.isEmpty();
            keptReplies = replies.size();
            for (int i = 0; i < replies.size(); i++) {
                CompletableFuture<SendResult> sending = send(replies.get(i), traffic);
                out.add(sending);
                if (kept) {
                    keptLeft.add(whenLeft(sending, inbound.updateId(), i));
                }
            }
        } finally {
            // what committed follow-ups said goes out even when the update itself failed afterwards
            ConversationStore.forgetPreloaded();
            List<CompletableFuture<SendResult>> followed = followUps.finish(traffic);
            out.addAll(followed);
            for (int j = 0; kept && j < followed.size(); j++) {
                keptLeft.add(whenLeft(followed.get(j), inbound.updateId(), keptReplies + j));
            }
            timers.get(inbound.getClass())[outcome.ordinal()].record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            MDC.remove("updateId");
            MDC.remove("chatId");
        }
    }

    /** Handed to the outbound queues; a prompt is remembered by its message once Telegram has it. */
    private CompletableFuture<SendResult> send(Outbound outbound, Traffic traffic) {
        var sending = sender.send(outbound, outbound instanceof Outbound.Toast ? Traffic.INTERACTIVE : traffic);
        if (outbound instanceof Outbound.Prompt prompt) {
            sending.thenAccept(result -> {
                if (result instanceof SendResult.Sent sent) {
                    try {
                        prompts.remember(sent.chatId(), sent.messageId(), prompt);
                    } catch (RuntimeException e) {
                        log.warn("prompt {} in chat {} could not be remembered; replies to it go unanswered", sent.messageId(),
                                sent.chatId(), e);
                    }
                }
            });
        }
        return sending;
    }

    /** The update's replies, then its follow-ups' messages, as kept: field, value, field, value … */
    private static List<String> encode(List<Outbound> replies, List<Outbound> followUpMessages) {
        List<String> fieldsAndValues = new ArrayList<>(2 * (replies.size() + followUpMessages.size()));
        int index = 0;
        for (List<Outbound> part : List.of(replies, followUpMessages)) {
            for (Outbound message : part) {
                int field = index++;
                UnsentReplies.encode(message).ifPresent(kept -> {
                    fieldsAndValues.add(Integer.toString(field));
                    fieldsAndValues.add(kept);
                });
            }
        }
        return fieldsAndValues;
    }

    /**
     * True once the reply left the outbound queues and Redis no longer keeps it; false when this
     * instance stopped first ({@link SendResult#stopped()}): it stays kept, for the instance that gets
     * the update again.
     */
    private CompletableFuture<Boolean> whenLeft(CompletableFuture<SendResult> sending, long updateId, int index) {
        return sending.handle((result, error) -> result != null && result.stopped())
                .thenCompose(stopped -> stopped
                        ? CompletableFuture.completedFuture(false)
                        : unsent.left(updateId, index).handle((ignored, error) -> true));
    }

    /**
     * The update was handled by an instance that stopped before its replies left (Telegram delivered it
     * again because that instance never answered 200): they are sent now, in their order, and no
     * longer kept as each leaves; those this instance hands back in turn at its shutdown stay kept for
     * the next.
     */
    private void sendOrphans(Inbound inbound, List<String> fieldsAndValues, Traffic traffic, List<CompletableFuture<?>> out,
                             List<CompletableFuture<Boolean>> keptLeft) {
        List<UnsentReplies.Kept> orphans = UnsentReplies.decodeAll(fieldsAndValues);
        log.info("update {} was handled by an instance that stopped before sending {} of its replies; sending them now",
                inbound.updateId(), orphans.size());
        for (UnsentReplies.Kept orphan : orphans) {
            CompletableFuture<SendResult> sending = send(orphan.reply(), traffic);
            out.add(sending);
            keptLeft.add(whenLeft(sending, inbound.updateId(), orphan.index()));
        }
    }

    @Override
    public void abandoned(Inbound inbound) {
        var update = new UnsentReplies.Abandoned(inbound.updateId(), inbound.chat().id(), inbound.chat().isPrivate());
        try {
            unsent.abandon(update);
            log.info("update {}: its webhook call had been answered before then, so Telegram will not deliver it again; "
                    + "its replies are left in Redis for another instance to send", inbound.updateId());
        } catch (RuntimeException e) {
            log.warn("update {}: its replies could not be left for another instance ({}); they are lost", inbound.updateId(), e.toString());
        }
    }

    /**
     * Sends the replies still kept for an abandoned update ({@link AbandonedReplies}); true once all have
     * left, false when this instance stopped first (they stay kept, for the next to take).
     */
    CompletableFuture<Boolean> sendAbandoned(UnsentReplies.Abandoned update) {
        List<UnsentReplies.Kept> kept = unsent.kept(update.updateId());
        if (kept.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        MDC.put("updateId", Long.toString(update.updateId()));
        MDC.put("chatId", Long.toString(update.chatId()));
        try {
            log.info("update {}: sending the {} replies an instance that stopped had left after its webhook call was answered",
                    update.updateId(), kept.size());
            List<CompletableFuture<Boolean>> left = new ArrayList<>(kept.size());
            for (UnsentReplies.Kept reply : kept) {
                left.add(whenLeft(send(reply.reply(), update.privateChat() ? Traffic.INTERACTIVE : Traffic.REPLY), update.updateId(),
                        reply.index()));
            }
            return CompletableFuture.allOf(left.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> left.stream().allMatch(CompletableFuture::join));
        } finally {
            MDC.remove("updateId");
            MDC.remove("chatId");
        }
    }

    private void markDone(Inbound inbound) {
        markDone(inbound, null, List.of());
    }

    private void markDone(Inbound inbound, UpdateLedger.FactsToKeep keep, List<String> unsentReplies) {
        try {
            ledger.done(inbound.updateId(), keep, unsentReplies);
        } catch (RuntimeException e) {
            // the claim runs out by itself; a replay then finds nothing new to do but answers once more at worst
            log.warn("update {} handled, but not marked done: {}", inbound.updateId(), e.toString());
        }
    }

    private void release(Inbound inbound) {
        try {
            ledger.release(inbound.updateId());
        } catch (RuntimeException e) {
            log.debug("claim of update {} left to run out", inbound.updateId());
        }
    }

    /**
     * Logged once per outage. In a private chat the user is told once that it will take a moment
     * (sending needs neither Redis nor PostgreSQL), and the update is handled when the server is back.
     */
    private ServiceUnavailable unavailable(Inbound inbound, String what, Throwable cause) {
        outage.down(cause);
        if (inbound.chat().isPrivate() && busyTold.add(inbound.chat().id())) {
            var locale = Languages.fromCode(inbound.from().languageCode()).orElse(Languages.CHINESE);
            sender.send(new Outbound.Send(inbound.chat().id(), Txt.of("error.busy"), null, null, locale), Traffic.INTERACTIVE);
        }
        return new ServiceUnavailable(what + " is out of reach", cause);
    }

    private void apologise(Inbound inbound, List<CompletableFuture<?>> out) {
        try {
            var locale = Languages.fromCode(inbound.from().languageCode()).orElse(Languages.CHINESE);
            Txt sorry = Txt.of("error.generic");
            if (inbound instanceof Inbound.Button button) {
                out.add(sender.send(new Outbound.Toast(button.callbackId(), sorry, false, locale), Traffic.INTERACTIVE));
            }
            // a toast is gone in a moment: in the private chat the apology stays, and says the step did not happen
            if (inbound.chat().isPrivate() || inbound instanceof Inbound.Text) {
                out.add(sender.send(new Outbound.Send(inbound.chat().id(), sorry, null, null, locale), Traffic.INTERACTIVE));
            }
        } catch (RuntimeException e) {
            log.warn("could not tell the user that update {} failed", inbound.updateId(), e);
        }
    }
}
