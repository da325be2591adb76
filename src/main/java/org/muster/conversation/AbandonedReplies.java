package org.muster.conversation;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the replies a stopped instance abandoned: those of an update whose webhook call had been
 * answered 200 (its replies waited longer than {@code muster.dispatch.replies-wait}, in a chat held
 * back by Telegram's limits) and that were still queued when that instance stopped. Telegram will not
 * deliver such an update again, so no instance would otherwise send them. Every instance looks every
 * {@code muster.dispatch.abandoned-check} (2 s); one takes an update at a time, on a lease it renews
 * while its sends wait, so that two instances do not send the same replies and one that dies while
 * sending leaves them to the next.
 *
 * <p>They come late and may follow the chat's later answers: the alternative was losing them.
 */
@Component
class AbandonedReplies {

    private static final Logger log = LoggerFactory.getLogger(AbandonedReplies.class);
    /** Longer than a few checks: renewed on each, it runs out only when this instance is gone. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int PER_CHECK = 50;

    private final UnsentReplies unsent;
    private final UpdateProcessor processor;
    private final Dispatcher dispatcher;
    private final OutageLog outage = new OutageLog(log, "Redis (replies other instances abandoned)");
    private final Set<UnsentReplies.Abandoned> sending = ConcurrentHashMap.newKeySet();

    AbandonedReplies(UnsentReplies unsent, UpdateProcessor processor, Dispatcher dispatcher) {
        this.unsent = unsent;
        this.processor = processor;
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${muster.dispatch.abandoned-check:2s}", initialDelayString = "${muster.dispatch.abandoned-check:2s}")
    void check() {
        if (!dispatcher.takingUpdates()) {
            // stopping: what it would take now it could not send; the others take it
            return;
        }
        try {
            unsent.renew(sending, LEASE);
            for (int i = 0; i < PER_CHECK; i++) {
                Optional<UnsentReplies.Abandoned> taken = unsent.claimAbandoned(LEASE);
                if (taken.isEmpty()) {
                    break;
                }
                send(taken.get());
            }
            if (outage.ongoing()) {
                outage.over();
            }
        } catch (RuntimeException e) {
            // the next check tries again; a lease that was not renewed lets another instance take the update
            outage.down(e);
        }
    }

    private void send(UnsentReplies.Abandoned update) {
        sending.add(update);
        java.util.concurrent.CompletableFuture<Boolean> left;
        try {
            left = processor.sendAbandoned(update);
        } catch (RuntimeException e) {
            // not renewed from now on: taken again once the lease ran out
            sending.remove(update);
            throw e;
        }
        left.whenComplete((allLeft, error) -> {
            sending.remove(update);
            if (Boolean.TRUE.equals(allLeft)) {
                try {
                    unsent.finished(update);
                } catch (RuntimeException e) {
                    // its lease runs out and another instance finds nothing kept
                    log.debug("abandoned update {} not crossed off: {}", update.updateId(), e.toString());
                }
            } else if (error != null) {
                log.warn("the replies abandoned with update {} could not be sent now: {}; tried again", update.updateId(), error.toString());
            }
            // false: this instance is stopping and handed them back; its lease runs out, another takes them
        });
    }
}
