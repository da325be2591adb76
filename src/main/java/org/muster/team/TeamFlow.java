package org.muster.team;

import java.util.Set;

import org.muster.catalog.AreaPicker;
import org.muster.catalog.Catalog;
import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** A coordinator creates a team: its name, then the area it serves (a district, street or community). */
@Component
class TeamFlow implements Flow<TeamFlow.State> {

    static final String NAME = "newteam";

    sealed interface State permits AskName, AskArea {
    }

    record AskName() implements State {
    }

    record AskArea(String name, String parent) implements State {
    }

    private final Catalog catalog;
    private final AreaPicker areas;

    TeamFlow(Catalog catalog) {
        this.catalog = catalog;
        this.areas = new AreaPicker(catalog, NAME + ":area:", 1);
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
        return Txt.of("team.restart");
    }

    Transition<State> begin(Turn turn) {
        return Transition.to(new AskName(), turn.reply(Txt.of("team.ask_name")));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (state instanceof AskName) {
            if (!(turn.inbound() instanceof Inbound.Text text)) {
                return Transition.invalid(turn.reply(Txt.of("team.ask_name")));
            }
            String name = text.text().strip().replaceAll("\\s+", " ");
            int length = name.codePointCount(0, name.length());
            if (length < 2 || length > 40 || name.startsWith("/")) {
                return Transition.invalid(turn.reply(Txt.of("team.name_invalid")));
            }
            return Transition.to(new AskArea(name, null), turn.reply(Txt.of("team.ask_area"), keyboard(null, turn)));
        }
        AskArea ask = (AskArea) state;
        AreaPicker.Choice choice = areas.read(ask.parent(), turn.inbound());
        if (choice instanceof AreaPicker.Choice.Descend descend) {
            Txt question = descend.code() == null ? Txt.of("team.ask_area")
                    : Txt.of("team.ask_area_below", Txt.literal(catalog.pathName(descend.code(), turn.locale())));
            Outbound redraw = turn.inbound() instanceof Inbound.Button button
                    ? new Outbound.Edit(turn.chatId(), button.messageId(), question, keyboard(descend.code(), turn), turn.locale())
                    : turn.reply(question, keyboard(descend.code(), turn));
            return Transition.to(new AskArea(ask.name(), descend.code()), redraw);
        }
        if (choice instanceof AreaPicker.Choice.Chosen chosen) {
            Outbound clear = turn.inbound() instanceof Inbound.Button button
                    ? new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale())
                    : turn.reply(Txt.of("team.area_chosen", Txt.literal(catalog.pathName(chosen.code(), turn.locale()))));
            return Transition.<State>done(clear).with(new CreateTeam(ask.name(), chosen.code(), turn.userId()));
        }
        if (choice instanceof AreaPicker.Choice.Stale) {
            return Transition.invalid(turn.toast(Txt.of("team.stale_button")));
        }
        return Transition.invalid(turn.reply(Txt.of("team.area_unknown"), keyboard(ask.parent(), turn)));
    }

    private Markup.Inline keyboard(String parent, Turn turn) {
        return areas.keyboard(parent, turn.locale(), Txt.of("team.area_whole"), Txt.of("team.back"));
    }
}
