package org.muster.hours;

import java.util.ArrayList;
import java.util.List;

import org.muster.conversation.ButtonHandler;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * {@code review:ok:<record>} approves, {@code review:cap:<record>} approves the shift's length of
 * a longer report, {@code review:no:<record>} asks for the reason and then rejects. The data may
 * be forged: {@link Reviews} checks the presser's right to decide on that record every time.
 */
@Component
class ReviewButtons implements ButtonHandler {

    private final Reviews reviews;
    private final ReviewCards cards;
    private final HoursRepository repository;
    private final FlowEngine engine;
    private final RejectFlow rejectFlow;

    ReviewButtons(Reviews reviews, ReviewCards cards, HoursRepository repository, FlowEngine engine, RejectFlow rejectFlow) {
        this.reviews = reviews;
        this.cards = cards;
        this.repository = repository;
        this.engine = engine;
        this.rejectFlow = rejectFlow;
    }

    @Override
    public String prefix() {
        return "review";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        var record = button.number(2);
        // review cards live in private chats: a card redrawn in a group would show a real name there
        if (record.isEmpty() || !turn.isPrivate()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        long id = record.getAsLong();
        return switch (button.part(1)) {
            case "ok", "cap" -> approve(turn, button, id, button.part(1).equals("cap"));
            case "no" -> askReason(turn, button, id);
            default -> List.of(turn.toast(Txt.of("error.button_expired")));
        };
    }

    private List<Outbound> approve(Turn turn, Inbound.Button button, long id, boolean cap) {
        Reviews.Decision decision = reviews.approve(id, turn.userId(), turn.roles(), cap, turn.chatId());
        List<Outbound> out = new ArrayList<>();
        out.add(turn.toast(answer(decision)));
        if (decision.outcome() == Reviews.Outcome.ALREADY_DECIDED
                || decision.outcome() == Reviews.Outcome.APPROVED && !Reviews.redraws(decision, turn.chatId(), button.messageId())) {
            // a card sent before cards were remembered, or decided meanwhile by someone else
            repository.byId(id).ifPresent(now -> out.add(new Outbound.Edit(turn.chatId(), button.messageId(), cards.decided(now), null,
                    turn.locale())));
        }
        out.addAll(decision.notices());
        return out;
    }

    private List<Outbound> askReason(Turn turn, Inbound.Button button, long id) {
        var record = repository.byId(id);
        if (record.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (!reviews.mayReview(turn.userId(), turn.roles(), record.get())) {
            // the refusal is audited when it is attempted for real; asking for a reason writes nothing
            return List.of(turn.toast(Txt.of("hours.review_not_allowed")));
        }
        if (!record.get().pending()) {
            return List.of(turn.toast(Txt.of("hours.already_decided")));
        }
        List<Outbound> out = new ArrayList<>();
        out.add(turn.toast(Txt.of("hours.reject_reason_toast")));
        out.addAll(engine.start(turn, rejectFlow, rejectFlow.begin(turn, id, button.messageId())));
        return out;
    }

    static Txt answer(Reviews.Decision decision) {
        return switch (decision.outcome()) {
            case APPROVED -> Txt.of("hours.approved_toast");
            case REJECTED -> Txt.of("hours.rejected_toast");
            case ALREADY_DECIDED -> Txt.of("hours.already_decided");
            case NOT_ALLOWED -> Txt.of("hours.review_not_allowed");
            case OWN_RECORD -> Txt.of("hours.own_record");
            default -> Txt.of("error.button_expired");
        };
    }
}
