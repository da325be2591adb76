package org.muster.conversation;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Handles one update from start to end: claims it, routes it, sends the replies, and marks it done.
 * A failure is logged with the update id and answered with one short "something went wrong";
 * it never reaches the worker that runs the next update.
 */
@Component
class UpdateProcessor implements InboundProcessing {

    private static final Logger log = LoggerFactory.getLogger(UpdateProcessor.class);
    private static final long CLAIM_POLL_MILLIS = 250;

    private final UpdateLedger ledger;
    private final TurnFactory turns;
    private final UpdateRouter router;
    private final ChatSender sender;
    private final MeterRegistry meters;
    private final GroupPrompts prompts;

    UpdateProcessor(UpdateLedger ledger, TurnFactory turns, UpdateRouter router, ChatSender sender, MeterRegistry meters,
                    GroupPrompts prompts) {
        this.prompts = prompts;
        this.ledger = ledger;
        this.turns = turns;
        this.router = router;
        this.sender = sender;
        this.meters = meters;
    }

    @Override
    public void process(Inbound inbound) {
        MDC.put("updateId", Long.toString(inbound.updateId()));
        MDC.put("chatId", Long.toString(inbound.chat().id()));
        String kind = inbound.getClass().getSimpleName();
        Timer.Sample timing = Timer.start(meters);
        String outcome = "handled";
        try {
            if (!claim(inbound.updateId())) {
                outcome = "duplicate";
                log.info("update {} was already handled; skipped", inbound.updateId());
                return;
            }
            try {
                Turn turn = turns.turnFor(inbound);
                List<Outbound> replies = router.route(turn);
                replies.forEach(this::send);
            } catch (RuntimeException | Error e) {
                // an Error too (a class missing from the jar, a stack overflow in a handler): the user
                // still gets an answer, and a pressed button stops spinning
                outcome = "failed";
                log.error("update {} ({}) failed", inbound.updateId(), kind, e);
                apologise(inbound);
                if (e instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
                    throw fatal;
                }
            } finally {
                ledger.done(inbound.updateId());
            }
        } finally {
            timing.stop(meters.timer("muster.updates", "kind", kind, "outcome", outcome));
            MDC.remove("updateId");
            MDC.remove("chatId");
        }
    }

    private void send(Outbound outbound) {
        SendResult result = sender.send(outbound);
        if (outbound instanceof Outbound.Prompt prompt && result instanceof SendResult.Sent sent) {
            prompts.remember(sent.chatId(), sent.messageId(), prompt);
        }
    }

    /** True when this instance may handle the update; waits out a claim that another holds. */
    private boolean claim(long updateId) {
        long deadline = System.nanoTime() + ledger.claimTimeout().toNanos() + CLAIM_POLL_MILLIS * 1_000_000;
        while (true) {
            UpdateLedger.Claim claim = ledger.claim(updateId);
            if (claim != UpdateLedger.Claim.HELD_ELSEWHERE) {
                return claim == UpdateLedger.Claim.MINE;
            }
            if (System.nanoTime() > deadline) {
                log.warn("update {} is held by another instance past its claim; skipped", updateId);
                return false;
            }
            try {
                Thread.sleep(CLAIM_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void apologise(Inbound inbound) {
        try {
            var locale = Languages.fromCode(inbound.from().languageCode()).orElse(Languages.CHINESE);
            Txt sorry = Txt.of("error.generic");
            if (inbound instanceof Inbound.Button button) {
                sender.send(new Outbound.Toast(button.callbackId(), sorry, false, locale));
            }
            // a toast is gone in a moment: in the private chat the apology stays, and says the step did not happen
            if (inbound.chat().isPrivate() || inbound instanceof Inbound.Text) {
                sender.send(new Outbound.Send(inbound.chat().id(), sorry, null, null, locale));
            }
        } catch (RuntimeException e) {
            log.warn("could not tell the user that update {} failed", inbound.updateId(), e);
        }
    }
}
