package org.muster.hours;

import java.time.LocalDate;
import java.util.Set;

import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * A member's answer, in the team's group, to "reply with the hours you served": kept per (group,
 * member), so twenty people answering at once never mix. A duration becomes a pending report; anything
 * else gets, in reply to that member's own message, the reason and the question again. Pure.
 */
@Component
class GroupHoursFlow implements Flow<GroupHoursFlow.State> {

    static final String NAME = "grouphours";

    sealed interface State permits AwaitHours {
    }

    record AwaitHours(long activityId, LocalDate date) implements State {
    }

    private final HoursWords words;

    GroupHoursFlow(HoursWords words) {
        this.words = words;
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
        return Txt.of("hours.group_restart");
    }

    /** The first answer, a reply to the group's question: a report, or the question again. */
    Transition<State> answer(Turn turn, long activityId, LocalDate date, String text) {
        DurationParser.Result parsed = words.duration(text);
        if (parsed instanceof DurationParser.Minutes minutes) {
            return Transition.<State>done().with(new SubmitHours(activityId, null, date, minutes.value(), null, true));
        }
        return Transition.to(new AwaitHours(activityId, date), again(turn, ((DurationParser.Invalid) parsed).reason()));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        AwaitHours await = (AwaitHours) state;
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(again(turn, Txt.of("hours.duration_unreadable")));
        }
        DurationParser.Result parsed = words.duration(text.text());
        if (parsed instanceof DurationParser.Minutes minutes) {
            return Transition.<State>done().with(new SubmitHours(await.activityId(), null, await.date(), minutes.value(), null, true));
        }
        return Transition.invalid(again(turn, ((DurationParser.Invalid) parsed).reason()));
    }

    /** To the member's own message, forcing a reply from them only. */
    private static Outbound again(Turn turn, Txt reason) {
        return turn.reply(Txt.of("hours.group_again", reason), new Markup.ForceReply(true, Txt.of("hours.group_placeholder")));
    }
}
