package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.conversation.BundleWords;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.recruitment.RetimeFlow.AskTime;
import org.muster.recruitment.RetimeFlow.State;
import org.muster.support.Fixtures;
import org.muster.support.Replies;

/**
 * Moving a call to another time without Spring on 2026-12-01 at 10:00 in Shanghai: a typed window → the new
 * times or why not, and refused to a caller who is no coordinator any more.
 */
class RetimeFlowTest {

    private static final long USER = 1001;
    private static final long ACTIVITY = 31;
    private static final AskTime ASK = new AskTime(ACTIVITY);

    private final RetimeFlow flow = new RetimeFlow(BundleWords.bundles("messages", "recruitment"));

    static Stream<Arguments> retimes() {
        return Stream.of(
                Arguments.of(text("明天 8:00-12:00"), "2026-12-02T00:00:00Z", "2026-12-02T04:00:00Z"),
                Arguments.of(text("tomorrow 8:00-12:00"), "2026-12-02T00:00:00Z", "2026-12-02T04:00:00Z"),
                Arguments.of(text("2026-12-03 14:00-18:00"), "2026-12-03T06:00:00Z", "2026-12-03T10:00:00Z"),
                Arguments.of(text("12/5 8-12"), "2026-12-05T00:00:00Z", "2026-12-05T04:00:00Z"),
                Arguments.of(text("12月5日 8点至12点"), "2026-12-05T00:00:00Z", "2026-12-05T04:00:00Z"),
                Arguments.of(text("今天 18:00-24:00"), "2026-12-01T10:00:00Z", "2026-12-01T16:00:00Z"),
                Arguments.of(text("明天 22:00-06:00"), "2026-12-02T14:00:00Z", "2026-12-02T22:00:00Z"),
                Arguments.of(text("01-05 8:00-12:00"), "2027-01-05T00:00:00Z", "2027-01-05T04:00:00Z"));
    }

    @ParameterizedTest(name = "{0} -> {1} .. {2}")
    @MethodSource("retimes")
    void aWindowInTheFutureMovesTheCall(Inbound input, String start, String end) {
        Transition<State> next = flow.step(ASK, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(new RetimeCall(ACTIVITY, Instant.parse(start), Instant.parse(end)));
        assertThat(next.replies()).isEmpty();
    }

    static Stream<Arguments> askedAgain() {
        return Stream.of(
                Arguments.of(text("下周"), "recruit.time_format"),
                Arguments.of(text("8:00-12:00"), "recruit.time_format"),
                Arguments.of(text("明天 25:00-26:00"), "recruit.time_format"),
                Arguments.of(text("02-30 8:00-12:00"), "recruit.time_format"),
                Arguments.of(text("今天 8:00-9:00"), "recruit.time_past"),
                Arguments.of(text("2026-11-30 8:00-12:00"), "recruit.time_past"),
                Arguments.of(text("明天 8:00-8:00"), "recruit.time_end_not_after_start"),
                Arguments.of(press("calls:retime:31"), "calls.ask_new_time"),
                Arguments.of(new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, 31.9, 118.8), "calls.ask_new_time"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("askedAgain")
    void aWindowThatCannotBeReadOrIsPastIsAskedAgainAndMovesNothing(Inbound input, String reply) {
        Transition<State> next = flow.step(ASK, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(Replies.keys(next)).containsExactly(reply);
        assertThat(next.effects()).isEmpty();
    }

    @Test
    void itBeginsByAskingForTheNewTimeOfThatCall() {
        Transition<State> first = flow.begin(turn(press("calls:retime:31"), Role.COORDINATOR), ACTIVITY);

        assertThat(first.state()).isEqualTo(ASK);
        assertThat(Replies.keys(first)).containsExactly("calls.ask_new_time");
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise move the call. */
    static Stream<Arguments> everyStep() {
        return Stream.of(Arguments.of(ASK, text("明天 8:00-12:00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerACoordinatorIsRefusedAtEveryStepAndMovesNothing(State state, Inbound input) {
        Transition<State> refused = flow.step(state, turn(input, Role.VOLUNTEER, Role.LEADER));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.effects()).isEmpty();
        assertThat(Replies.keys(refused)).containsExactly("conversation.role_lost");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCoordinatorGoesOnAtEveryStep(State state, Inbound input) {
        Turn coordinator = turn(input, Role.COORDINATOR);

        Transition<State> allowed = flow.step(state, coordinator);

        assertThat(allowed.outcome()).isNotEqualTo(Outcome.REFUSED);
        assertThat(allowed).isEqualTo(flow.next(state, coordinator));
    }

    @Test
    void theRoleRowsCoverEveryStep() {
        assertThat(everyStep().map(row -> row.get()[0].getClass()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(State.class.getPermittedSubclasses()));
    }

    // ---- inputs

    private static Turn turn(Inbound input, Role... roles) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW, roles);
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound press(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), 10, data);
    }
}
