package org.muster.hours;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * {@code /export}: period (this month, last month, this year, or typed dates) → scope (all, a
 * team, a district) → the files. Pure: the teams and districts on offer come in with {@link #begin}.
 */
@Component
class ExportFlow implements Flow<ExportFlow.State> {

    static final String NAME = "export";

    /** A team or district on offer: its id or code and its name in the coordinator's language. */
    record Option(String id, String name) {
    }

    record Choices(List<Option> teams, List<Option> districts) {
    }

    sealed interface State permits AskPeriod, AskDates, AskScope, AskTeam, AskArea {
    }

    record AskPeriod(Choices choices) implements State {
    }

    record AskDates(Choices choices) implements State {
    }

    record AskScope(Choices choices, LocalDate from, LocalDate to) implements State {
    }

    record AskTeam(Choices choices, LocalDate from, LocalDate to) implements State {
    }

    record AskArea(Choices choices, LocalDate from, LocalDate to) implements State {
    }

    private final HoursWords words;

    ExportFlow(HoursWords words) {
        this.words = words;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
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
        return Txt.of("export.restart");
    }

    Transition<State> begin(Turn turn, Choices choices) {
        return Transition.to(new AskPeriod(choices), askPeriod(turn));
    }

    private static Outbound askPeriod(Turn turn) {
        return turn.reply(Txt.of("export.ask_period"), Markup.Inline.column(List.of(
                Markup.Button.callback(Txt.of("export.this_month"), NAME + ":period:month"),
                Markup.Button.callback(Txt.of("export.last_month"), NAME + ":period:last"),
                Markup.Button.callback(Txt.of("export.this_year"), NAME + ":period:year"),
                Markup.Button.callback(Txt.of("export.custom"), NAME + ":period:custom"))));
    }

    private static Outbound askScope(Turn turn, LocalDate from, LocalDate to) {
        return turn.reply(Txt.of("export.ask_scope", Txt.literal(from.toString()), Txt.literal(to.toString())), Markup.Inline.column(List.of(
                Markup.Button.callback(Txt.of("export.scope_all"), NAME + ":scope:all"),
                Markup.Button.callback(Txt.of("export.scope_team"), NAME + ":scope:team"),
                Markup.Button.callback(Txt.of("export.scope_area"), NAME + ":scope:area"))));
    }

    private static Outbound pick(Turn turn, String key, List<Option> options, String kind) {
        List<Markup.Button> buttons = new ArrayList<>();
        options.forEach(o -> buttons.add(Markup.Button.callback(Txt.literal(o.name()), NAME + ":" + kind + ":" + o.id())));
        return turn.reply(Txt.of(key), Markup.Inline.column(buttons));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        String data = turn.inbound() instanceof Inbound.Button button ? button.data() : "";
        LocalDate today = turn.now().atZone(turn.zone()).toLocalDate();
        if (state instanceof AskPeriod ask) {
            return switch (data) {
                case NAME + ":period:month" -> scope(ask.choices(), today.withDayOfMonth(1), today, turn);
                case NAME + ":period:last" -> scope(ask.choices(), today.minusMonths(1).withDayOfMonth(1), today.withDayOfMonth(1).minusDays(1),
                        turn);
                case NAME + ":period:year" -> scope(ask.choices(), today.withDayOfYear(1), today, turn);
                case NAME + ":period:custom" -> Transition.to(new AskDates(ask.choices()), turn.reply(Txt.of("export.ask_dates", periodExample(turn))));
                default -> Transition.invalid(askPeriod(turn));
            };
        }
        if (state instanceof AskDates ask) {
            Optional<LocalDate[]> range = turn.inbound() instanceof Inbound.Text text ? words.range(text.text(), today) : Optional.empty();
            if (range.isEmpty()) {
                return Transition.invalid(turn.reply(Txt.of("export.dates_unreadable", periodExample(turn))));
            }
            return scope(ask.choices(), range.get()[0], range.get()[1], turn);
        }
        if (state instanceof AskScope ask) {
            return switch (data) {
                case NAME + ":scope:all" -> Transition.<State>done(turn.reply(Txt.of("export.preparing")))
                        .with(new ExportHours(ask.from(), ask.to(), null, null));
                case NAME + ":scope:team" -> ask.choices().teams().isEmpty() ? Transition.invalid(turn.reply(Txt.of("export.no_teams")))
                        : Transition.to(new AskTeam(ask.choices(), ask.from(), ask.to()),
                                pick(turn, "export.ask_team", ask.choices().teams(), "team"));
                case NAME + ":scope:area" -> Transition.to(new AskArea(ask.choices(), ask.from(), ask.to()),
                        pick(turn, "export.ask_area", ask.choices().districts(), "area"));
                default -> Transition.invalid(askScope(turn, ask.from(), ask.to()));
            };
        }
        if (state instanceof AskTeam ask) {
            Optional<Option> team = chosen(data, "team", ask.choices().teams());
            if (team.isEmpty()) {
                return Transition.invalid(pick(turn, "export.ask_team", ask.choices().teams(), "team"));
            }
            return Transition.<State>done(turn.reply(Txt.of("export.preparing")))
                    .with(new ExportHours(ask.from(), ask.to(), Long.parseLong(team.get().id()), null));
        }
        AskArea ask = (AskArea) state;
        Optional<Option> area = chosen(data, "area", ask.choices().districts());
        if (area.isEmpty()) {
            return Transition.invalid(pick(turn, "export.ask_area", ask.choices().districts(), "area"));
        }
        return Transition.<State>done(turn.reply(Txt.of("export.preparing"))).with(new ExportHours(ask.from(), ask.to(), null, area.get().id()));
    }

    private static Transition<State> scope(Choices choices, LocalDate from, LocalDate to, Turn turn) {
        return Transition.to(new AskScope(choices, from, to), askScope(turn, from, to));
    }

    /** Only what was offered: button data may be forged. */
    private static Optional<Option> chosen(String data, String kind, List<Option> options) {
        String prefix = NAME + ":" + kind + ":";
        return data.startsWith(prefix) ? options.stream().filter(o -> o.id().equals(data.substring(prefix.length()))).findFirst()
                : Optional.empty();
    }

    /** An example period from the turn's clock in the organisation's zone: the first of this month to today. */
    private static Object[] periodExample(Turn turn) {
        LocalDate today = turn.now().atZone(turn.zone()).toLocalDate();
        return new Object[] {Txt.literal(today.withDayOfMonth(1).toString()), Txt.literal(today.toString())};
    }
}
