package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.support.Fixtures;

/** The /hours report as a table of (state, input) → outcome and what it asks next. No Spring. Today is 2026-12-01. */
class HoursReportFlowTest {

    private static final long USER = 7;
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final HoursReportFlow.Shift SHIFT = new HoursReportFlow.Shift(31, "核酸检测点早班", TODAY.minusDays(1), 240);
    private static final HoursReportFlow.PickShift PICK = new HoursReportFlow.PickShift(List.of(SHIFT));
    private static final HoursReportFlow.Draft FOR_SHIFT = new HoursReportFlow.Draft(31L, "核酸检测点早班", TODAY.minusDays(1), 240, null, null);
    private static final HoursReportFlow.Draft OTHER = new HoursReportFlow.Draft(null, "社区防疫宣传", null, null, null, null);

    private final HoursReportFlow flow = new HoursReportFlow(new HoursProperties(Duration.ofDays(30), Duration.ofMinutes(15)), HoursWords.fromBundles());

    static Stream<Arguments> steps() {
        return Stream.of(
                // picking: only the shifts offered, or "other"
                Arguments.of(PICK, button("report:shift:31"), Transition.Outcome.CONTINUE, "hours.ask_duration_shift"),
                Arguments.of(PICK, button("report:shift:99"), Transition.Outcome.INVALID, "hours.pick_shift"),
                Arguments.of(PICK, button("report:other"), Transition.Outcome.CONTINUE, "hours.ask_description"),
                Arguments.of(PICK, text("核酸检测点早班"), Transition.Outcome.INVALID, "hours.pick_shift"),
                // describing another activity
                Arguments.of(new HoursReportFlow.Describe(), text("社区防疫宣传"), Transition.Outcome.CONTINUE, "hours.ask_date"),
                Arguments.of(new HoursReportFlow.Describe(), text("x".repeat(101)), Transition.Outcome.INVALID, "hours.description_too_long"),
                Arguments.of(new HoursReportFlow.Describe(), text("   "), Transition.Outcome.INVALID, "hours.ask_description"),
                // its date: not in the future, not older than the window
                Arguments.of(new HoursReportFlow.AskDate(OTHER), text("昨天"), Transition.Outcome.CONTINUE, "hours.ask_duration"),
                Arguments.of(new HoursReportFlow.AskDate(OTHER), button("report:date:0"), Transition.Outcome.CONTINUE, "hours.ask_duration"),
                Arguments.of(new HoursReportFlow.AskDate(OTHER), text("2026-11-20"), Transition.Outcome.CONTINUE, "hours.ask_duration"),
                Arguments.of(new HoursReportFlow.AskDate(OTHER), text("2026-12-02"), Transition.Outcome.INVALID, "hours.date_future"),
                Arguments.of(new HoursReportFlow.AskDate(OTHER), text("2026-10-01"), Transition.Outcome.INVALID, "hours.date_too_old"),
                Arguments.of(new HoursReportFlow.AskDate(OTHER), text("someday"), Transition.Outcome.INVALID, "hours.date_unreadable"),
                Arguments.of(new HoursReportFlow.AskDate(OTHER), text("2026-02-30"), Transition.Outcome.INVALID, "hours.date_unreadable"),
                // the duration
                Arguments.of(new HoursReportFlow.AskDuration(FOR_SHIFT), text("3.5"), Transition.Outcome.CONTINUE, "hours.ask_note"),
                Arguments.of(new HoursReportFlow.AskDuration(FOR_SHIFT), text("三小时"), Transition.Outcome.CONTINUE, "hours.ask_note"),
                Arguments.of(new HoursReportFlow.AskDuration(FOR_SHIFT), text("5h"), Transition.Outcome.CONTINUE, "hours.beyond_shift"),
                Arguments.of(new HoursReportFlow.AskDuration(FOR_SHIFT), text("lots"), Transition.Outcome.INVALID, "hours.duration_unreadable"),
                Arguments.of(new HoursReportFlow.AskDuration(FOR_SHIFT), text("0"), Transition.Outcome.INVALID, "hours.duration_zero"),
                Arguments.of(new HoursReportFlow.AskDuration(FOR_SHIFT), text("25小时"), Transition.Outcome.INVALID, "hours.duration_too_long"),
                // the note
                Arguments.of(new HoursReportFlow.AskNote(FOR_SHIFT.withMinutes(200)), button("report:nonote"), Transition.Outcome.CONTINUE,
                        "hours.summary"),
                Arguments.of(new HoursReportFlow.AskNote(FOR_SHIFT.withMinutes(200)), text("负责登记"), Transition.Outcome.CONTINUE,
                        "hours.summary"),
                Arguments.of(new HoursReportFlow.AskNote(FOR_SHIFT.withMinutes(200)), text("x".repeat(201)), Transition.Outcome.INVALID,
                        "hours.note_too_long"),
                // confirming
                Arguments.of(new HoursReportFlow.Confirm(FOR_SHIFT.withMinutes(200)), button("report:discard"), Transition.Outcome.DONE,
                        "hours.discarded"),
                Arguments.of(new HoursReportFlow.Confirm(FOR_SHIFT.withMinutes(200)), text("好的"), Transition.Outcome.INVALID,
                        "hours.summary"));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @MethodSource("steps")
    void steps(HoursReportFlow.State state, Inbound input, Transition.Outcome outcome, String firstReply) {
        Transition<HoursReportFlow.State> next = flow.next(state, turn(input));

        assertThat(next.outcome()).isEqualTo(outcome);
        assertThat(sends(next)).first().isEqualTo(firstReply);
        if (state instanceof HoursReportFlow.AskDuration && outcome == Transition.Outcome.CONTINUE) {
            // the day's 24 hours are checked where the duration is typed, by an effect that can keep the question
            assertThat(next.effects()).singleElement().isInstanceOf(CheckDayRoom.class);
        } else {
            assertThat(next.effects()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-12-01T02:00:00Z", "2027-02-28T15:30:00Z", "2027-03-01T16:30:00Z"})
    void theDateExamplesAreYesterdayByTheClock(String now) {
        Instant at = Instant.parse(now);
        LocalDate yesterday = at.atZone(Fixtures.SHANGHAI).toLocalDate().minusDays(1);
        Transition<HoursReportFlow.State> asked = flow.next(new HoursReportFlow.Describe(), Fixtures.turn(text("物资搬运"), Languages.CHINESE, at));
        Transition<HoursReportFlow.State> again = flow.next(asked.state(), Fixtures.turn(text("某天"), Languages.CHINESE, at));

        for (var reply : List.of(asked.replies().get(0), again.replies().get(0))) {
            Txt said = ((Outbound.Send) reply).text();
            assertThat(said.args()).startsWith(Txt.literal(yesterday.toString()),
                    Txt.literal(String.format("%02d-%02d", yesterday.getMonthValue(), yesterday.getDayOfMonth())));
        }
    }

    @Test
    void aDurationIsCheckedAgainstTheDayItWasFor() {
        Transition<HoursReportFlow.State> timed = flow.next(new HoursReportFlow.AskDuration(FOR_SHIFT), turn(text("两个半小时")));

        assertThat(timed.outcome()).isEqualTo(Transition.Outcome.CONTINUE);
        assertThat(timed.effects()).containsExactly(new CheckDayRoom(FOR_SHIFT.date(), 150));
    }

    @Test
    void aShiftReportCarriesTheShiftTheDurationAndTheNoteToTheEffect() {
        Transition<HoursReportFlow.State> picked = flow.next(PICK, turn(button("report:shift:31")));
        Transition<HoursReportFlow.State> timed = flow.next(picked.state(), turn(text("2h30m")));
        Transition<HoursReportFlow.State> noted = flow.next(timed.state(), turn(text("负责登记")));
        Transition<HoursReportFlow.State> done = flow.next(noted.state(), turn(button("report:submit")));

        assertThat(done.outcome()).isEqualTo(Transition.Outcome.DONE);
        assertThat(done.effects()).containsExactly(new SubmitHours(31L, null, TODAY.minusDays(1), 150, "负责登记", false));
    }

    @Test
    void anotherActivityCarriesItsDescriptionAndDate() {
        Transition<HoursReportFlow.State> described = flow.next(new HoursReportFlow.Describe(), turn(text("社区防疫宣传")));
        Transition<HoursReportFlow.State> dated = flow.next(described.state(), turn(text("11-28")));
        Transition<HoursReportFlow.State> timed = flow.next(dated.state(), turn(text("2小时")));
        Transition<HoursReportFlow.State> noted = flow.next(timed.state(), turn(button("report:nonote")));
        Transition<HoursReportFlow.State> done = flow.next(noted.state(), turn(button("report:submit")));

        assertThat(done.effects()).containsExactly(new SubmitHours(null, "社区防疫宣传", LocalDate.of(2026, 11, 28), 120, null, false));
    }

    @Test
    void withNoRecentShiftItGoesStraightToAnotherActivity() {
        Transition<HoursReportFlow.State> first = flow.begin(turn(text("/hours")), List.of());

        assertThat(first.state()).isEqualTo(new HoursReportFlow.Describe());
        assertThat(sends(first)).containsExactly("hours.no_recent_shifts", "hours.ask_description");
    }

    private static List<String> sends(Transition<?> transition) {
        return transition.replies().stream().filter(Outbound.Send.class::isInstance).map(o -> ((Outbound.Send) o).text().key()).toList();
    }

    private static Turn turn(Inbound input) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW);
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound button(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), 10, data);
    }
}
