package org.muster.recruitment;

import java.util.Locale;
import java.util.Set;

import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Moving a call to another time window (from /calls); everyone enrolled is told. */
@Component
class RetimeFlow implements Flow<RetimeFlow.State> {

    static final String NAME = "retime";

    sealed interface State permits AskTime {
    }

    record AskTime(long activityId) implements State {
    }

    private final TimeWindowParser times;

    RetimeFlow(MessageSource messages) {
        this.times = RecruitWords.parser(RecruitWords.from(messages));
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
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
        return Txt.of("calls.retime_restart");
    }

    Transition<State> begin(Turn turn, long activityId) {
        return Transition.to(new AskTime(activityId), turn.reply(Txt.of("calls.ask_new_time", RecruitQuestions.examples(turn))));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        AskTime ask = (AskTime) state;
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(turn.reply(Txt.of("calls.ask_new_time", RecruitQuestions.examples(turn))));
        }
        TimeWindowParser.Result window = times.parse(text.text(), turn.now(), turn.zone());
        if (!window.ok()) {
            return Transition.invalid(turn.reply(Txt.of("recruit.time_" + window.problem().name().toLowerCase(Locale.ROOT),
                    RecruitQuestions.examples(turn))));
        }
        return Transition.<State>done().with(new RetimeCall(ask.activityId(), window.start().toInstant(), window.end().toInstant()));
    }

}
