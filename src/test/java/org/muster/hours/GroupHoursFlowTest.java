package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.conversation.ChatRef;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.hours.GroupHoursFlow.AwaitHours;
import org.muster.hours.GroupHoursFlow.State;
import org.muster.support.Fixtures;

/**
 * Hours answered in a team's group, without Spring: a duration → the report it submits, anything else → the
 * reason and the question again, and refused to a member who is no volunteer any more.
 */
class GroupHoursFlowTest {

    private static final long MEMBER = 7;
    private static final ChatRef GROUP = Fixtures.group(-100_200);
    private static final long ACTIVITY = 31;
    private static final LocalDate SHIFT_DAY = LocalDate.of(2026, 11, 30);
    private static final AwaitHours AWAIT = new AwaitHours(ACTIVITY, SHIFT_DAY);

    private final GroupHoursFlow flow = new GroupHoursFlow(HoursWords.fromBundles());

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of(text("3"), 180),
                Arguments.of(text("2.5"), 150),
                Arguments.of(text("2h30m"), 150),
                Arguments.of(text("三小时"), 180),
                Arguments.of(text("两个半小时"), 150),
                Arguments.of(text("45分钟"), 45));
    }

    @ParameterizedTest(name = "{0} -> {1} min")
    @MethodSource("reports")
    void aDurationBecomesAPendingReportForTheShiftInTheGroup(Inbound input, int minutes) {
        Transition<State> next = flow.step(AWAIT, turn(input, Role.VOLUNTEER));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(new SubmitHours(ACTIVITY, null, SHIFT_DAY, minutes, null, true));
        assertThat(next.replies()).isEmpty();
    }

    static Stream<Arguments> askedAgain() {
        return Stream.of(
                Arguments.of(text("lots"), "hours.duration_unreadable"),
                Arguments.of(text("0"), "hours.duration_zero"),
                Arguments.of(text("25小时"), "hours.duration_too_long"),
                Arguments.of(location(), "hours.duration_unreadable"),
                Arguments.of(Fixtures.button(3, GROUP, Fixtures.user(MEMBER), 10, "hours:approve:1"), "hours.duration_unreadable"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("askedAgain")
    void anythingElseGetsTheReasonAndTheQuestionAgainAndSubmitsNothing(Inbound input, String reason) {
        Transition<State> next = flow.step(AWAIT, turn(input, Role.VOLUNTEER));

        assertThat(next.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(next.effects()).isEmpty();
        assertThat(next.replies()).hasSize(1);
        assertThat(reasonAsked(next.replies().get(0))).isEqualTo(reason);
    }

    @Test
    void theQuestionAgainAnswersTheMembersOwnMessageAndForcesAReplyFromThemOnly() {
        Inbound.Text answer = (Inbound.Text) text("lots");

        Outbound.Send again = (Outbound.Send) flow.step(AWAIT, turn(answer, Role.VOLUNTEER)).replies().get(0);

        assertThat(again.chatId()).isEqualTo(GROUP.id());
        assertThat(again.replyTo()).isEqualTo(answer.messageId());
        assertThat(again.markup()).isEqualTo(new Markup.ForceReply(true, Txt.of("hours.group_placeholder")));
    }

    @Test
    void aFirstAnswerThatIsADurationIsReportedAtOnceAndAnyOtherStartsTheConversation() {
        Transition<State> reported = flow.answer(turn(text("3"), Role.VOLUNTEER), ACTIVITY, SHIFT_DAY, "3");
        assertThat(reported.outcome()).isEqualTo(Outcome.DONE);
        assertThat(reported.effects()).containsExactly(new SubmitHours(ACTIVITY, null, SHIFT_DAY, 180, null, true));

        Transition<State> asked = flow.answer(turn(text("0"), Role.VOLUNTEER), ACTIVITY, SHIFT_DAY, "0");
        assertThat(asked.outcome()).isEqualTo(Outcome.CONTINUE);
        assertThat(asked.state()).isEqualTo(AWAIT);
        assertThat(asked.effects()).isEmpty();
        assertThat(reasonAsked(asked.replies().get(0))).isEqualTo("hours.duration_zero");
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise submit. */
    static Stream<Arguments> everyStep() {
        return Stream.of(Arguments.of(AWAIT, text("3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aMemberWhoIsNoLongerAVolunteerIsRefusedAtEveryStepAndSubmitsNothing(State state, Inbound input) {
        Transition<State> refused = flow.step(state, turn(input, Role.LEADER, Role.COORDINATOR));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.effects()).isEmpty();
        assertThat(refused.replies()).hasSize(1);
        assertThat(((Outbound.Send) refused.replies().get(0)).text().key()).isEqualTo("conversation.role_lost");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aVolunteerGoesOnAtEveryStep(State state, Inbound input) {
        Turn volunteer = turn(input, Role.VOLUNTEER);

        Transition<State> allowed = flow.step(state, volunteer);

        assertThat(allowed.outcome()).isNotEqualTo(Outcome.REFUSED);
        assertThat(allowed).isEqualTo(flow.next(state, volunteer));
    }

    @Test
    void theRoleRowsCoverEveryStep() {
        assertThat(everyStep().map(row -> row.get()[0].getClass()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(State.class.getPermittedSubclasses()));
    }

    // ---- inputs

    /** The reason given with "reply again": the bundle key inside {@code hours.group_again}. */
    private static String reasonAsked(Outbound reply) {
        Txt text = ((Outbound.Send) reply).text();
        assertThat(text.key()).isEqualTo("hours.group_again");
        return ((Txt) text.args().get(0)).key();
    }

    private static Turn turn(Inbound input, Role... roles) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW, roles);
    }

    private static Inbound text(String text) {
        return Fixtures.text(501, GROUP, Fixtures.user(MEMBER), text);
    }

    private static Inbound location() {
        return new Inbound.Location(4, GROUP, Fixtures.user(MEMBER), 8, 31.9, 118.8);
    }
}
