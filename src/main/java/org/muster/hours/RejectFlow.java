package org.muster.hours;

import java.util.List;
import java.util.Set;

import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** Why a report is rejected: a common reason by button, or typed. The volunteer reads it. Pure. */
@Component
class RejectFlow implements Flow<RejectFlow.State> {

    static final String NAME = "reject";
    static final int MAX_REASON = 200;
    static final List<String> COMMON = List.of("hours.reason_not_matching", "hours.reason_not_ours", "hours.reason_duplicate");

    sealed interface State permits AwaitReason {
    }

    /** @param card the review message, redrawn with the decision */
    record AwaitReason(long recordId, Integer card) implements State {
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.LEADER, Role.COORDINATOR);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Txt restartHint() {
        return Txt.of("hours.reject_restart");
    }

    Transition<State> begin(Turn turn, long recordId, Integer card) {
        return Transition.to(new AwaitReason(recordId, card), turn.reply(Txt.of("hours.reject_ask", recordId), reasons()));
    }

    private static Markup.Inline reasons() {
        return Markup.Inline.column(java.util.stream.IntStream.range(0, COMMON.size())
                .mapToObj(i -> Markup.Button.callback(Txt.of(COMMON.get(i)), NAME + ":reason:" + i)).toList());
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        AwaitReason await = (AwaitReason) state;
        long id = await.recordId();
        if (turn.inbound() instanceof Inbound.Button button && button.data().startsWith(NAME + ":reason:")) {
            try {
                int index = Integer.parseInt(button.data().substring((NAME + ":reason:").length()));
                return Transition.<State>done().with(new RejectHours(id, await.card(), null, COMMON.get(index)));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return Transition.invalid(turn.reply(Txt.of("hours.reject_ask", id), reasons()));
            }
        }
        if (!(turn.inbound() instanceof Inbound.Text text) || text.text().isBlank()) {
            return Transition.invalid(turn.reply(Txt.of("hours.reject_ask", id), reasons()));
        }
        String reason = text.text().strip();
        if (reason.length() > MAX_REASON) {
            return Transition.invalid(turn.reply(Txt.of("hours.reason_too_long", MAX_REASON)));
        }
        return Transition.<State>done().with(new RejectHours(id, await.card(), reason, null));
    }
}
