package org.muster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.admin.GrantFlow.AwaitPerson;
import org.muster.admin.GrantFlow.State;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.support.Fixtures;
import org.muster.support.Replies;

/**
 * The /grant flow without Spring: input → the coordinator it makes or the question again, and refused to a
 * caller who is no coordinator any more.
 */
class GrantFlowTest {

    private static final long USER = 9001;
    private final GrantFlow flow = new GrantFlow();

    static Stream<Arguments> grants() {
        return Stream.of(
                Arguments.of(contact("+8613800138000", 5550001L), new GrantCoordinator(5550001L, null)),
                Arguments.of(text("123456789"), new GrantCoordinator(123456789L, null)),
                Arguments.of(text(" 1234 "), new GrantCoordinator(1234L, null)),
                Arguments.of(text("123456789012345"), new GrantCoordinator(123456789012345L, null)),
                Arguments.of(text("@li_na2020"), new GrantCoordinator(null, "li_na2020")),
                Arguments.of(text("li_na2020"), new GrantCoordinator(null, "li_na2020")),
                Arguments.of(text("@Wei_Zhang"), new GrantCoordinator(null, "Wei_Zhang")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("grants")
    void aContactAUserIdOrAUsernameMakesThatPersonACoordinator(Inbound input, GrantCoordinator grant) {
        Transition<State> next = flow.step(new AwaitPerson(), turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(grant);
        assertThat(next.replies()).isEmpty();
    }

    static Stream<Arguments> askedAgain() {
        return Stream.of(
                Arguments.of(contact("+8613800138000", null), "grant.contact_without_account"),
                Arguments.of(text("123"), "grant.person_invalid"),
                Arguments.of(text("1234567890123456"), "grant.person_invalid"),
                Arguments.of(text("@abc"), "grant.person_invalid"),
                // Telegram usernames have at least five characters
                Arguments.of(text("@abcd"), "grant.person_invalid"),
                // a phone number typed by mistake grants nobody
                Arguments.of(text("13800138000"), "grant.phone_is_not_an_account"),
                Arguments.of(text("+8613800138000"), "grant.phone_is_not_an_account"),
                Arguments.of(text("@9lives"), "grant.person_invalid"),
                Arguments.of(text("@" + "a".repeat(33)), "grant.person_invalid"),
                Arguments.of(text("李娜"), "grant.person_invalid"),
                Arguments.of(text("li na"), "grant.person_invalid"),
                Arguments.of(location(), "grant.person_invalid"),
                Arguments.of(button("grant:add"), "grant.person_invalid"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("askedAgain")
    void anythingThatNamesNobodyIsAskedAgainAndGrantsNothing(Inbound input, String reply) {
        Transition<State> next = flow.step(new AwaitPerson(), turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(Replies.keys(next)).containsExactly(reply);
        assertThat(next.effects()).isEmpty();
    }

    @Test
    void itBeginsByAskingForThePerson() {
        Transition<State> first = flow.begin(turn(text("/grant"), Role.COORDINATOR));

        assertThat(first.state()).isEqualTo(new AwaitPerson());
        assertThat(Replies.keys(first)).containsExactly("grant.ask_person");
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise grant. */
    static Stream<Arguments> everyStep() {
        return Stream.of(Arguments.of(new AwaitPerson(), text("123456789")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerACoordinatorIsRefusedAtEveryStepAndGrantsNothing(State state, Inbound input) {
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

    private static Inbound button(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), 10, data);
    }

    private static Inbound contact(String phone, Long owner) {
        return new Inbound.Contact(3, Fixtures.privateChat(USER), Fixtures.user(USER), 7, phone, owner);
    }

    private static Inbound location() {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, 31.9, 118.8);
    }
}
