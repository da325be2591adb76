package org.muster.hours;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code /hours}: a volunteer reports service hours. Pick a recent shift (or "another activity",
 * described, with its date) → duration → optional note → confirm. Pure: the shifts on offer come
 * in with {@link #begin}; the checks that need the database are effects: 24 hours a day where the
 * duration is typed ({@link CheckDayRoom}, which keeps the question with the hours left), and again
 * with one record per shift when {@link SubmitHours} is applied.
 */
@Component
class HoursReportFlow implements Flow<HoursReportFlow.State> {

    static final String NAME = "report";
    static final int MAX_DESCRIPTION = 100;
    static final int MAX_NOTE = 200;

    /** A shift on offer, with its length in minutes. */
    record Shift(long activityId, String title, LocalDate date, int minutes) {
    }

    /** What has been answered so far. */
    record Draft(Long activityId, String title, LocalDate date, Integer shiftMinutes, Integer minutes, String note) {

        Draft withDate(LocalDate value) {
            return new Draft(activityId, title, value, shiftMinutes, minutes, note);
        }

        Draft withMinutes(int value) {
            return new Draft(activityId, title, date, shiftMinutes, value, note);
        }

        Draft withNote(String value) {
            return new Draft(activityId, title, date, shiftMinutes, minutes, value);
        }

        boolean beyondShift() {
            return shiftMinutes != null && minutes != null && minutes > shiftMinutes;
        }
    }

    sealed interface State permits PickShift, Describe, AskDate, AskDuration, AskNote, Confirm {
    }

    record PickShift(List<Shift> shifts) implements State {
    }

    record Describe() implements State {
    }

    record AskDate(Draft draft) implements State {
    }

    record AskDuration(Draft draft) implements State {
    }

    record AskNote(Draft draft) implements State {
    }

    record Confirm(Draft draft) implements State {
    }

    private final HoursProperties properties;
    private final HoursWords words;

    HoursReportFlow(HoursProperties properties, HoursWords words) {
        this.properties = properties;
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
        return Txt.of("hours.restart");
    }

    Transition<State> begin(Turn turn, List<Shift> shifts) {
        if (shifts.isEmpty()) {
            return Transition.to(new Describe(), turn.reply(Txt.of("hours.no_recent_shifts", days())),
                    turn.reply(Txt.of("hours.ask_description", MAX_DESCRIPTION)));
        }
        return Transition.to(new PickShift(List.copyOf(shifts)), turn.reply(Txt.of("hours.pick_shift"), shiftButtons(turn, shifts)));
    }

    private long days() {
        return properties.reportWindow().toDays();
    }

    private static Markup.Inline shiftButtons(Turn turn, List<Shift> shifts) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        for (Shift shift : shifts) {
            rows.add(List.of(Markup.Button.callback(Txt.of("hours.shift_button", Txt.literal(shift.title()),
                    Txt.date(shift.date().atStartOfDay(turn.zone()))), NAME + ":shift:" + shift.activityId())));
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("hours.other_activity"), NAME + ":other")));
        return new Markup.Inline(rows);
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (state instanceof PickShift pick) {
            return pick(pick, turn);
        }
        if (state instanceof Describe) {
            return describe(turn);
        }
        if (state instanceof AskDate ask) {
            return date(ask.draft(), turn);
        }
        if (state instanceof AskDuration ask) {
            return duration(ask.draft(), turn);
        }
        if (state instanceof AskNote ask) {
            return note(ask.draft(), turn);
        }
        return confirm(((Confirm) state).draft(), turn);
    }

    private Transition<State> pick(PickShift pick, Turn turn) {
        String data = turn.inbound() instanceof Inbound.Button button ? button.data() : "";
        if (data.equals(NAME + ":other")) {
            return Transition.to(new Describe(), turn.reply(Txt.of("hours.ask_description", MAX_DESCRIPTION)));
        }
        if (data.startsWith(NAME + ":shift:")) {
            String id = data.substring((NAME + ":shift:").length());
            for (Shift shift : pick.shifts()) {
                if (Long.toString(shift.activityId()).equals(id)) {
                    Draft draft = new Draft(shift.activityId(), shift.title(), shift.date(), shift.minutes(), null, null);
                    return Transition.to(new AskDuration(draft), askDuration(turn, draft));
                }
            }
        }
        return Transition.invalid(turn.reply(Txt.of("hours.pick_shift"), shiftButtons(turn, pick.shifts())));
    }

    private Transition<State> describe(Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text) || text.text().isBlank()) {
            return Transition.invalid(turn.reply(Txt.of("hours.ask_description", MAX_DESCRIPTION)));
        }
        String description = text.text().strip();
        if (description.length() > MAX_DESCRIPTION) {
            return Transition.invalid(turn.reply(Txt.of("hours.description_too_long", MAX_DESCRIPTION)));
        }
        return Transition.to(new AskDate(new Draft(null, description, null, null, null, null)), askDate(turn));
    }

    private static Outbound askDate(Turn turn) {
        return turn.reply(Txt.of("hours.ask_date", dateExamples(turn)), Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("hours.today"), NAME + ":date:0"),
                Markup.Button.callback(Txt.of("hours.yesterday"), NAME + ":date:1"))));
    }

    /** Examples of a day to report, from the turn's clock in the organisation's zone: yesterday, in full and without the year. */
    static Object[] dateExamples(Turn turn) {
        LocalDate yesterday = turn.now().atZone(turn.zone()).toLocalDate().minusDays(1);
        return new Object[] {Txt.literal(yesterday.toString()),
                Txt.literal(String.format(Locale.ROOT, "%02d-%02d", yesterday.getMonthValue(), yesterday.getDayOfMonth()))};
    }

    private Transition<State> date(Draft draft, Turn turn) {
        LocalDate today = turn.now().atZone(turn.zone()).toLocalDate();
        LocalDate date = null;
        if (turn.inbound() instanceof Inbound.Button button && button.data().startsWith(NAME + ":date:")) {
            date = today.minusDays(button.data().endsWith(":1") ? 1 : 0);
        } else if (turn.inbound() instanceof Inbound.Text text) {
            date = words.date(text.text(), today).orElse(null);
        }
        if (date == null) {
            return Transition.invalid(turn.reply(Txt.of("hours.date_unreadable", dateExamples(turn))), askDate(turn));
        }
        if (date.isAfter(today)) {
            return Transition.invalid(turn.reply(Txt.of("hours.date_future")), askDate(turn));
        }
        if (date.isBefore(today.minusDays(days()))) {
            return Transition.invalid(turn.reply(Txt.of("hours.date_too_old", days())), askDate(turn));
        }
        Draft dated = draft.withDate(date);
        return Transition.to(new AskDuration(dated), askDuration(turn, dated));
    }

    private static Outbound askDuration(Turn turn, Draft draft) {
        return draft.shiftMinutes() == null ? turn.reply(Txt.of("hours.ask_duration"))
                : turn.reply(Txt.of("hours.ask_duration_shift", Txt.literal(draft.title()), Durations.of(draft.shiftMinutes())));
    }

    private Transition<State> duration(Draft draft, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(askDuration(turn, draft));
        }
        DurationParser.Result parsed = words.duration(text.text());
        if (parsed instanceof DurationParser.Invalid invalid) {
            return Transition.invalid(turn.reply(invalid.reason()), askDuration(turn, draft));
        }
        Draft timed = draft.withMinutes(((DurationParser.Minutes) parsed).value());
        List<Outbound> replies = new ArrayList<>();
        if (timed.beyondShift()) {
            replies.add(turn.reply(Txt.of("hours.beyond_shift", Durations.of(timed.minutes()), Durations.of(timed.shiftMinutes()))));
        }
        replies.add(askNote(turn));
        // the day's other reports are in the database: an effect checks the 24 hours here and, if they are
        // exceeded, keeps the conversation at this question with the hours left
        return Transition.<State>to(new AskNote(timed), replies.toArray(Outbound[]::new)).with(new CheckDayRoom(timed.date(), timed.minutes()));
    }

    private static Outbound askNote(Turn turn) {
        return turn.reply(Txt.of("hours.ask_note", MAX_NOTE), Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("hours.no_note"), NAME + ":nonote"))));
    }

    private Transition<State> note(Draft draft, Turn turn) {
        String note;
        if (turn.inbound() instanceof Inbound.Button button && button.data().equals(NAME + ":nonote")) {
            note = null;
        } else if (turn.inbound() instanceof Inbound.Text text && !text.text().isBlank()) {
            note = text.text().strip();
            if (note.length() > MAX_NOTE) {
                return Transition.invalid(turn.reply(Txt.of("hours.note_too_long", MAX_NOTE)));
            }
        } else {
            return Transition.invalid(askNote(turn));
        }
        Draft noted = draft.withNote(note);
        return Transition.to(new Confirm(noted), summary(turn, noted));
    }

    private static Outbound summary(Turn turn, Draft draft) {
        Txt note = draft.note() == null ? Txt.literal("") : Txt.of("hours.review_note", Txt.literal(draft.note()));
        Txt beyond = draft.beyondShift() ? Txt.of("hours.review_beyond_shift", Durations.of(draft.shiftMinutes())) : Txt.literal("");
        return turn.reply(Txt.of("hours.summary", Txt.literal(draft.title()), Txt.date(draft.date().atStartOfDay(turn.zone())),
                        Durations.of(draft.minutes()), beyond, note),
                Markup.Inline.of(List.of(Markup.Button.callback(Txt.of("hours.submit"), NAME + ":submit"),
                        Markup.Button.callback(Txt.of("hours.discard"), NAME + ":discard"))));
    }

    private Transition<State> confirm(Draft draft, Turn turn) {
        String data = turn.inbound() instanceof Inbound.Button button ? button.data() : "";
        if (data.equals(NAME + ":submit")) {
            return Transition.<State>done().with(new SubmitHours(draft.activityId(), draft.activityId() == null ? draft.title() : null,
                    draft.date(), draft.minutes(), draft.note(), false));
        }
        if (data.equals(NAME + ":discard")) {
            return Transition.done(turn.reply(Txt.of("hours.discarded")));
        }
        return Transition.invalid(summary(turn, draft));
    }
}
