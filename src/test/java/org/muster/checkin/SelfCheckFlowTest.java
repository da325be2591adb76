package org.muster.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.checkin.SelfCheckFlow.AwaitLocation;
import org.muster.checkin.SelfCheckFlow.State;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.support.Fixtures;
import org.muster.support.Replies;

/**
 * Checking oneself in or out without Spring: a location → the check it asks for, anything else → the location
 * asked again, and refused to a caller who is no volunteer any more.
 */
class SelfCheckFlowTest {

    private static final long USER = 7;
    private static final long ACTIVITY = 31;
    private static final AwaitLocation CHECK_IN = new AwaitLocation(ACTIVITY, false);
    private static final AwaitLocation CHECK_OUT = new AwaitLocation(ACTIVITY, true);

    private final SelfCheckFlow flow = new SelfCheckFlow();

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of(CHECK_IN, location(31.9512, 118.8391), new SelfCheck(ACTIVITY, false, 31.9512, 118.8391)),
                Arguments.of(CHECK_OUT, location(31.9512, 118.8391), new SelfCheck(ACTIVITY, true, 31.9512, 118.8391)),
                Arguments.of(new AwaitLocation(99, false), location(-33.86, 151.21), new SelfCheck(99, false, -33.86, 151.21)));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("checks")
    void aSharedLocationChecksTheCallerInOrOut(State state, Inbound input, SelfCheck check) {
        Transition<State> next = flow.step(state, turn(input, Role.VOLUNTEER));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(check);
        assertThat(next.replies()).isEmpty();
    }

    static Stream<Arguments> askedAgain() {
        return Stream.of(
                Arguments.of(CHECK_IN, text("我到了")),
                Arguments.of(CHECK_IN, text("31.95, 118.84")),
                Arguments.of(CHECK_OUT, text("done")),
                Arguments.of(CHECK_IN, press("checkin:in:31")),
                Arguments.of(CHECK_OUT, new Inbound.Contact(3, Fixtures.privateChat(USER), Fixtures.user(USER), 7, "+8613800138000", USER)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("askedAgain")
    void anythingButALocationIsAskedForTheLocationAgainWithTheShareButton(State state, Inbound input) {
        Transition<State> next = flow.step(state, turn(input, Role.VOLUNTEER));

        assertThat(next.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(next.effects()).isEmpty();
        assertThat(Replies.keys(next)).containsExactly("checkin.need_location");
        assertThat(shareButton((Outbound.Send) next.replies().get(0))).isEqualTo(Markup.KeyAction.SHARE_LOCATION);
    }

    // ---- the role, re-checked at every step

    /** Every step (in and out), with an input that would otherwise check. */
    static Stream<Arguments> everyStep() {
        return Stream.of(
                Arguments.of(CHECK_IN, location(31.9512, 118.8391)),
                Arguments.of(CHECK_OUT, location(31.9512, 118.8391)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerAVolunteerIsRefusedAtEveryStepAndChecksNothing(State state, Inbound input) {
        Transition<State> refused = flow.step(state, turn(input, Role.LEADER, Role.COORDINATOR));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.effects()).isEmpty();
        assertThat(Replies.keys(refused)).containsExactly("conversation.role_lost");
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

    private static Markup.KeyAction shareButton(Outbound.Send send) {
        List<List<Markup.Key>> rows = ((Markup.Keyboard) send.markup()).rows();
        return rows.get(0).get(0).action();
    }

    private static Turn turn(Inbound input, Role... roles) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW, roles);
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound press(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), 10, data);
    }

    private static Inbound location(double latitude, double longitude) {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, latitude, longitude);
    }
}
