package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import org.muster.hours.ExportFlow.AskArea;
import org.muster.hours.ExportFlow.AskDates;
import org.muster.hours.ExportFlow.AskPeriod;
import org.muster.hours.ExportFlow.AskScope;
import org.muster.hours.ExportFlow.AskTeam;
import org.muster.hours.ExportFlow.Choices;
import org.muster.hours.ExportFlow.Option;
import org.muster.hours.ExportFlow.State;
import org.muster.support.Fixtures;
import org.muster.support.Replies;

/**
 * The /export flow without Spring on 2026-12-01: (state, input) → outcome, next step and replies, or the export
 * it asks for, and refused to a caller who is no coordinator any more.
 */
class ExportFlowTest {

    private static final long USER = 1001;
    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 30);
    private static final List<Option> DISTRICTS = List.of(new Option("jiangning", "江宁区"), new Option("xuanwu", "玄武区"));
    private static final Choices CHOICES = new Choices(List.of(new Option("12", "江宁一队"), new Option("7", "玄武二队")), DISTRICTS);
    private static final Choices NO_TEAMS = new Choices(List.of(), DISTRICTS);

    private final ExportFlow flow = new ExportFlow(HoursWords.fromBundles());

    static Stream<Arguments> steps() {
        return Stream.of(
                // the period: by button, or typed dates
                Arguments.of(new AskPeriod(CHOICES), press("export:period:month"), Outcome.CONTINUE,
                        new AskScope(CHOICES, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1)), List.of("export.ask_scope")),
                Arguments.of(new AskPeriod(CHOICES), press("export:period:last"), Outcome.CONTINUE, new AskScope(CHOICES, FROM, TO),
                        List.of("export.ask_scope")),
                Arguments.of(new AskPeriod(CHOICES), press("export:period:year"), Outcome.CONTINUE,
                        new AskScope(CHOICES, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 1)), List.of("export.ask_scope")),
                Arguments.of(new AskPeriod(CHOICES), press("export:period:custom"), Outcome.CONTINUE, new AskDates(CHOICES), List.of("export.ask_dates")),
                Arguments.of(new AskPeriod(CHOICES), press("export:period:week"), Outcome.INVALID, null, List.of("export.ask_period")),
                Arguments.of(new AskPeriod(CHOICES), text("this month"), Outcome.INVALID, null, List.of("export.ask_period")),
                // typed dates: two days, the first not after the second
                Arguments.of(new AskDates(CHOICES), text("2026-11-01 2026-11-30"), Outcome.CONTINUE, new AskScope(CHOICES, FROM, TO),
                        List.of("export.ask_scope")),
                Arguments.of(new AskDates(CHOICES), text("2026-11-01 to 2026-11-30"), Outcome.CONTINUE, new AskScope(CHOICES, FROM, TO),
                        List.of("export.ask_scope")),
                Arguments.of(new AskDates(CHOICES), text("11-01 至 11-30"), Outcome.CONTINUE, new AskScope(CHOICES, FROM, TO), List.of("export.ask_scope")),
                Arguments.of(new AskDates(CHOICES), text("2026-11-15 2026-11-15"), Outcome.CONTINUE,
                        new AskScope(CHOICES, LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 15)), List.of("export.ask_scope")),
                Arguments.of(new AskDates(CHOICES), text("2026-11-30 2026-11-01"), Outcome.INVALID, null, List.of("export.dates_unreadable")),
                Arguments.of(new AskDates(CHOICES), text("2026-11-01"), Outcome.INVALID, null, List.of("export.dates_unreadable")),
                Arguments.of(new AskDates(CHOICES), text("2026-02-30 2026-03-01"), Outcome.INVALID, null, List.of("export.dates_unreadable")),
                Arguments.of(new AskDates(CHOICES), text("last month"), Outcome.INVALID, null, List.of("export.dates_unreadable")),
                Arguments.of(new AskDates(CHOICES), press("export:period:month"), Outcome.INVALID, null, List.of("export.dates_unreadable")),
                // the scope
                Arguments.of(new AskScope(CHOICES, FROM, TO), press("export:scope:team"), Outcome.CONTINUE, new AskTeam(CHOICES, FROM, TO),
                        List.of("export.ask_team")),
                Arguments.of(new AskScope(CHOICES, FROM, TO), press("export:scope:area"), Outcome.CONTINUE, new AskArea(CHOICES, FROM, TO),
                        List.of("export.ask_area")),
                Arguments.of(new AskScope(NO_TEAMS, FROM, TO), press("export:scope:team"), Outcome.INVALID, null, List.of("export.no_teams")),
                Arguments.of(new AskScope(CHOICES, FROM, TO), press("export:scope:everything"), Outcome.INVALID, null, List.of("export.ask_scope")),
                Arguments.of(new AskScope(CHOICES, FROM, TO), text("all"), Outcome.INVALID, null, List.of("export.ask_scope")),
                // a team or a district: only those offered
                Arguments.of(new AskTeam(CHOICES, FROM, TO), press("export:team:99"), Outcome.INVALID, null, List.of("export.ask_team")),
                Arguments.of(new AskTeam(CHOICES, FROM, TO), press("export:area:jiangning"), Outcome.INVALID, null, List.of("export.ask_team")),
                Arguments.of(new AskTeam(CHOICES, FROM, TO), text("江宁一队"), Outcome.INVALID, null, List.of("export.ask_team")),
                Arguments.of(new AskArea(CHOICES, FROM, TO), press("export:area:gone"), Outcome.INVALID, null, List.of("export.ask_area")),
                Arguments.of(new AskArea(CHOICES, FROM, TO), press("export:team:12"), Outcome.INVALID, null, List.of("export.ask_area")),
                Arguments.of(new AskArea(CHOICES, FROM, TO), text("江宁区"), Outcome.INVALID, null, List.of("export.ask_area")));
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

    static Stream<Arguments> exports() {
        return Stream.of(
                Arguments.of(new AskScope(CHOICES, FROM, TO), press("export:scope:all"), new ExportHours(FROM, TO, null, null)),
                Arguments.of(new AskTeam(CHOICES, FROM, TO), press("export:team:12"), new ExportHours(FROM, TO, 12L, null)),
                Arguments.of(new AskTeam(CHOICES, FROM, TO), press("export:team:7"), new ExportHours(FROM, TO, 7L, null)),
                Arguments.of(new AskArea(CHOICES, FROM, TO), press("export:area:xuanwu"), new ExportHours(FROM, TO, null, "xuanwu")));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {2}")
    @MethodSource("exports")
    void aScopeChosenExportsThePeriodForIt(State from, Inbound input, ExportHours export) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(export);
        assertThat(Replies.keys(next)).containsExactly("export.preparing");
    }

    @Test
    void itBeginsWithThePeriodAndOffersExactlyTheTeamsAndDistrictsItWasGiven() {
        Transition<State> first = flow.begin(turn(text("/export"), Role.COORDINATOR), CHOICES);
        assertThat(first.state()).isEqualTo(new AskPeriod(CHOICES));
        assertThat(buttons(first)).containsExactly("export:period:month", "export:period:last", "export:period:year", "export:period:custom");

        assertThat(buttons(flow.step(new AskScope(CHOICES, FROM, TO), turn(press("export:scope:team"), Role.COORDINATOR))))
                .containsExactly("export:team:12", "export:team:7");
        assertThat(buttons(flow.step(new AskScope(CHOICES, FROM, TO), turn(press("export:scope:area"), Role.COORDINATOR))))
                .containsExactly("export:area:jiangning", "export:area:xuanwu");
    }

    @Test
    void lastMonthInJanuaryIsTheWholeOfLastDecember() {
        Turn january = Fixtures.turn(press("export:period:last"), Languages.CHINESE, java.time.Instant.parse("2027-01-10T02:00:00Z"),
                Role.COORDINATOR);

        assertThat(flow.step(new AskPeriod(CHOICES), january).state())
                .isEqualTo(new AskScope(CHOICES, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise move on or export. */
    static Stream<Arguments> everyStep() {
        return Stream.of(
                Arguments.of(new AskPeriod(CHOICES), press("export:period:last")),
                Arguments.of(new AskDates(CHOICES), text("2026-11-01 2026-11-30")),
                Arguments.of(new AskScope(CHOICES, FROM, TO), press("export:scope:all")),
                Arguments.of(new AskTeam(CHOICES, FROM, TO), press("export:team:12")),
                Arguments.of(new AskArea(CHOICES, FROM, TO), press("export:area:xuanwu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerACoordinatorIsRefusedAtEveryStepAndExportsNothing(State state, Inbound input) {
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

    private static List<String> buttons(Transition<State> transition) {
        Outbound.Send send = (Outbound.Send) transition.replies().get(0);
        return ((Markup.Inline) send.markup()).rows().stream().flatMap(List::stream).map(Markup.Button::data).toList();
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
}
