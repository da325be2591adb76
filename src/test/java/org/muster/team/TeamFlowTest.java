package org.muster.team;

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
import org.muster.support.Fixtures;
import org.muster.support.Replies;
import org.muster.support.TestCatalog;
import org.muster.team.TeamFlow.AskArea;
import org.muster.team.TeamFlow.AskName;
import org.muster.team.TeamFlow.State;

/**
 * The new-team flow without Spring: (state, input) → outcome, next step and replies, or the team it creates, and
 * refused to a caller who is no coordinator any more.
 */
class TeamFlowTest {

    private static final long USER = 4242;
    private static final int PROMPT = 60;
    private static final String NAME = "江宁一队";
    private final TeamFlow flow = new TeamFlow(TestCatalog.nanjing());

    static Stream<Arguments> steps() {
        return Stream.of(
                // the name: 2 to 40 characters, spaces squeezed, no command
                Arguments.of(new AskName(), text(NAME), Outcome.CONTINUE, new AskArea(NAME, null), List.of("team.ask_area")),
                Arguments.of(new AskName(), text("  江宁   一队 "), Outcome.CONTINUE, new AskArea("江宁 一队", null), List.of("team.ask_area")),
                Arguments.of(new AskName(), text("x".repeat(40)), Outcome.CONTINUE, new AskArea("x".repeat(40), null), List.of("team.ask_area")),
                Arguments.of(new AskName(), text("队"), Outcome.INVALID, null, List.of("team.name_invalid")),
                Arguments.of(new AskName(), text("x".repeat(41)), Outcome.INVALID, null, List.of("team.name_invalid")),
                Arguments.of(new AskName(), text("/newteam"), Outcome.INVALID, null, List.of("team.name_invalid")),
                Arguments.of(new AskName(), press("newteam:area:jiangning"), Outcome.INVALID, null, List.of("team.ask_name")),
                Arguments.of(new AskName(), location(), Outcome.INVALID, null, List.of("team.ask_name")),
                // the area: down the tree by buttons (the question edited in place), back up, or a name typed
                Arguments.of(new AskArea(NAME, null), press("newteam:area:jiangning"), Outcome.CONTINUE, new AskArea(NAME, "jiangning"),
                        List.of("edit:team.ask_area_below")),
                Arguments.of(new AskArea(NAME, "jiangning"), press("newteam:area:jiangning.dongshan"), Outcome.CONTINUE,
                        new AskArea(NAME, "jiangning.dongshan"), List.of("edit:team.ask_area_below")),
                Arguments.of(new AskArea(NAME, "jiangning.dongshan"), press("newteam:area:^"), Outcome.CONTINUE, new AskArea(NAME, "jiangning"),
                        List.of("edit:team.ask_area_below")),
                Arguments.of(new AskArea(NAME, "jiangning"), press("newteam:area:^"), Outcome.CONTINUE, new AskArea(NAME, null),
                        List.of("edit:team.ask_area")),
                Arguments.of(new AskArea(NAME, null), text("Jiangning District"), Outcome.CONTINUE, new AskArea(NAME, "jiangning"),
                        List.of("team.ask_area_below")),
                Arguments.of(new AskArea(NAME, null), text("江宁区"), Outcome.CONTINUE, new AskArea(NAME, "jiangning"), List.of("team.ask_area_below")),
                // buttons of another level or question, and names that are no area here
                Arguments.of(new AskArea(NAME, null), press("newteam:area:jiangning.dongshan"), Outcome.INVALID, null,
                        List.of("toast:team.stale_button")),
                Arguments.of(new AskArea(NAME, "jiangning"), press("newteam:area:xuanwu:whole"), Outcome.INVALID, null,
                        List.of("toast:team.stale_button")),
                Arguments.of(new AskArea(NAME, null), press("signup:area:jiangning"), Outcome.INVALID, null, List.of("toast:team.stale_button")),
                Arguments.of(new AskArea(NAME, null), text("Atlantis"), Outcome.INVALID, null, List.of("team.area_unknown")),
                Arguments.of(new AskArea(NAME, null), text("旧区"), Outcome.INVALID, null, List.of("team.area_unknown")),
                Arguments.of(new AskArea(NAME, "jiangning"), text("玄武区"), Outcome.INVALID, null, List.of("team.area_unknown")),
                Arguments.of(new AskArea(NAME, null), location(), Outcome.INVALID, null, List.of("team.area_unknown")));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {2} {4}")
    @MethodSource("steps")
    void step(State from, Inbound input, Outcome outcome, State to, List<String> replies) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.CONTINUE) {
            assertThat(next.state()).isEqualTo(to);
        }
        assertThat(Replies.keys(next)).isEqualTo(replies);
        assertThat(next.effects()).isEmpty();
    }

    static Stream<Arguments> creations() {
        return Stream.of(
                Arguments.of(new AskArea(NAME, "jiangning.dongshan"), press("newteam:area:jiangning.dongshan.baijiahu"), List.of("clear-buttons"),
                        new CreateTeam(NAME, "jiangning.dongshan.baijiahu", USER)),
                Arguments.of(new AskArea(NAME, "jiangning.dongshan"), press("newteam:area:jiangning.dongshan:whole"), List.of("clear-buttons"),
                        new CreateTeam(NAME, "jiangning.dongshan", USER)),
                Arguments.of(new AskArea(NAME, "jiangning"), press("newteam:area:jiangning:whole"), List.of("clear-buttons"),
                        new CreateTeam(NAME, "jiangning", USER)),
                Arguments.of(new AskArea(NAME, "jiangning"), press("newteam:area:jiangning.lukou"), List.of("clear-buttons"),
                        new CreateTeam(NAME, "jiangning.lukou", USER)),
                Arguments.of(new AskArea(NAME, null), text("玄武区"), List.of("team.area_chosen"), new CreateTeam(NAME, "xuanwu", USER)),
                Arguments.of(new AskArea(NAME, "jiangning.dongshan"), text("Zhushan Community"), List.of("team.area_chosen"),
                        new CreateTeam(NAME, "jiangning.dongshan.zhushan", USER)));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {3}")
    @MethodSource("creations")
    void anAreaChosenCreatesTheTeamForTheCaller(State from, Inbound input, List<String> replies, CreateTeam team) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(team);
        assertThat(Replies.keys(next)).isEqualTo(replies);
    }

    @Test
    void itBeginsWithTheNameAndOffersTheDistrictsButNoRetiredOne() {
        Transition<State> first = flow.begin(turn(text("/team"), Role.COORDINATOR));
        assertThat(first.state()).isEqualTo(new AskName());
        assertThat(Replies.keys(first)).containsExactly("team.ask_name");

        Outbound.Send areas = (Outbound.Send) flow.step(new AskName(), turn(text(NAME), Role.COORDINATOR)).replies().get(0);
        assertThat(buttons((Markup.Inline) areas.markup())).containsExactly("newteam:area:jiangning", "newteam:area:xuanwu");
    }

    @Test
    void aStreetMayBeChosenWholeOrGoneBackFrom() {
        Outbound.Edit street = (Outbound.Edit) flow.step(new AskArea(NAME, "jiangning"), turn(press("newteam:area:jiangning.dongshan"),
                Role.COORDINATOR)).replies().get(0);

        assertThat(street.messageId()).isEqualTo(PROMPT);
        assertThat(buttons(street.markup())).containsExactly("newteam:area:jiangning.dongshan.baijiahu", "newteam:area:jiangning.dongshan.zhushan",
                "newteam:area:jiangning.dongshan:whole", "newteam:area:^");
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise move on or create the team. */
    static Stream<Arguments> everyStep() {
        return Stream.of(
                Arguments.of(new AskName(), text(NAME)),
                Arguments.of(new AskArea(NAME, "jiangning"), press("newteam:area:jiangning.lukou")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerACoordinatorIsRefusedAtEveryStepAndCreatesNothing(State state, Inbound input) {
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

    private static List<String> buttons(Markup.Inline markup) {
        return markup.rows().stream().flatMap(List::stream).map(Markup.Button::data).toList();
    }

    private static Turn turn(Inbound input, Role... roles) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW, roles);
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound press(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), PROMPT, data);
    }

    private static Inbound location() {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, 31.9, 118.8);
    }
}
