package org.muster.checkin;

import java.util.List;
import java.util.Set;

import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.springframework.stereotype.Component;

/** Checking oneself in or out: the bot asks for the location; the check itself is an effect (it reads the database). */
@Component
class SelfCheckFlow implements Flow<SelfCheckFlow.State> {

    static final String NAME = "selfcheck";

    sealed interface State permits AwaitLocation {
    }

    record AwaitLocation(long activityId, boolean out) implements State {
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.VOLUNTEER);
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
        return Txt.of("checkin.restart");
    }

    Transition<State> begin(Turn turn, Call call, boolean out) {
        return Transition.to(new AwaitLocation(call.id(), out), turn.reply(
                Txt.of(out ? "checkin.self_out_ask" : "checkin.self_in_ask", Txt.literal(call.title())), keyboard()));
    }

    private static Markup keyboard() {
        return new Markup.Keyboard(List.of(List.of(new Markup.Key(Txt.of("checkin.share_location"), Markup.KeyAction.SHARE_LOCATION))),
                true, null);
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        AwaitLocation await = (AwaitLocation) state;
        if (!(turn.inbound() instanceof Inbound.Location location)) {
            return Transition.invalid(turn.reply(Txt.of("checkin.need_location"), keyboard()));
        }
        return Transition.<State>done().with(new SelfCheck(await.activityId(), await.out(), location.latitude(), location.longitude()));
    }
}
