package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.hours.RejectFlow.AwaitReason;
import org.muster.hours.RejectFlow.State;
import org.muster.support.Fixtures;
import org.muster.support.Replies;

/**
 * Rejecting an hours report without Spring: a reason → the rejection, anything else → the question again, and
 * refused to a caller who neither leads a team nor coordinates any more.
 */
class RejectFlowTest {

    private static final long USER = 3003;
    private static final long RECORD = 41;
    private static final int CARD = 300;
    private static final AwaitReason AWAIT = new AwaitReason(RECORD, CARD);

    private final RejectFlow flow = new RejectFlow();

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of(AWAIT, press("reject:reason:0"), new RejectHours(RECORD, CARD, null, "hours.reason_not_matching")),
                Arguments.of(AWAIT, press("reject:reason:1"), new RejectHours(RECORD, CARD, null, "hours.reason_not_ours")),
                Arguments.of(AWAIT, press("reject:reason:2"), new RejectHours(RECORD, CARD, null, "hours.reason_duplicate")),
                Arguments.of(AWAIT, text("  时长与签到记录不符 "), new RejectHours(RECORD, CARD, "时长与签到记录不符", null)),
                Arguments.of(AWAIT, text("x".repeat(200)), new RejectHours(RECORD, CARD, "x".repeat(200), null)),
                Arguments.of(new AwaitReason(RECORD, null), text("重复上报"), new RejectHours(RECORD, null, "重复上报", null)));
    }

    @ParameterizedTest(name = "[{index}] {1} -> {2}")
    @MethodSource("rejections")
    void aCommonOrATypedReasonRejectsTheRecord(State state, Inbound input, RejectHours rejection) {
        Transition<State> next = flow.step(state, turn(input, Role.LEADER));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(rejection);
        assertThat(next.replies()).isEmpty();
    }

    static Stream<Arguments> askedAgain() {
        return Stream.of(
                Arguments.of(press("reject:reason:3"), "hours.reject_ask"),
                Arguments.of(press("reject:reason:-1"), "hours.reject_ask"),
                Arguments.of(press("reject:reason:x"), "hours.reject_ask"),
                Arguments.of(press("reject:reason:"), "hours.reject_ask"),
                Arguments.of(press("hours:approve:41"), "hours.reject_ask"),
                Arguments.of(text("   "), "hours.reject_ask"),
                Arguments.of(location(), "hours.reject_ask"),
                Arguments.of(text("x".repeat(201)), "hours.reason_too_long"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("askedAgain")
    void noReasonOrATooLongOneIsAskedAgainAndRejectsNothing(Inbound input, String reply) {
        Transition<State> next = flow.step(AWAIT, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(Replies.keys(next)).containsExactly(reply);
        assertThat(next.effects()).isEmpty();
    }

    @Test
    void theQuestionNamesTheRecordAndOffersTheCommonReasons() {
        Transition<State> first = flow.begin(turn(press("hours:reject:41"), Role.LEADER), RECORD, CARD);
        assertThat(first.state()).isEqualTo(AWAIT);

        Outbound.Send again = (Outbound.Send) flow.step(AWAIT, turn(text(" "), Role.LEADER)).replies().get(0);
        assertThat(again.text().key()).isEqualTo("hours.reject_ask");
        assertThat(again.text().args()).containsExactly(RECORD);
        assertThat(((Markup.Inline) again.markup()).rows().stream().flatMap(List::stream).map(Markup.Button::data))
                .containsExactly("reject:reason:0", "reject:reason:1", "reject:reason:2");
        assertThat(first.replies()).containsExactly(again);
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise reject. */
    static Stream<Arguments> everyStep() {
        return Stream.of(Arguments.of(AWAIT, press("reject:reason:0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoNeitherLeadsNorCoordinatesAnyMoreIsRefusedAtEveryStepAndRejectsNothing(State state, Inbound input) {
        Transition<State> refused = flow.step(state, turn(input, Role.VOLUNTEER));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.effects()).isEmpty();
        assertThat(Replies.keys(refused)).containsExactly("conversation.role_lost");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aLeaderGoesOnAtEveryStep(State state, Inbound input) {
        Turn leader = turn(input, Role.LEADER);

        Transition<State> allowed = flow.step(state, leader);

        assertThat(allowed.outcome()).isNotEqualTo(Outcome.REFUSED);
        assertThat(allowed).isEqualTo(flow.next(state, leader));
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

    private static Inbound location() {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, 31.9, 118.8);
    }
}
