package org.muster.hours;

import java.util.List;

import org.muster.catalog.Catalog;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.team.Teams;
import org.springframework.stereotype.Component;

/** {@code /export}: a coordinator gets approved hours as CSV files. */
@Component
class ExportCommand implements CommandHandler {

    static final int LISTED = 30;

    private final FlowEngine engine;
    private final ExportFlow flow;
    private final Teams teams;
    private final Catalog catalog;

    ExportCommand(FlowEngine engine, ExportFlow flow, Teams teams, Catalog catalog) {
        this.engine = engine;
        this.flow = flow;
        this.teams = teams;
        this.catalog = catalog;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("export", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        // the newest teams first: those of the current emergency
        List<ExportFlow.Option> teamOptions = teams.all().stream().sorted(java.util.Comparator.comparingLong(
                        org.muster.team.Team::id).reversed()).limit(LISTED)
                .map(t -> new ExportFlow.Option(Long.toString(t.id()), t.name())).toList();
        List<ExportFlow.Option> districts = catalog.topAreas().stream()
                .map(a -> new ExportFlow.Option(a.code(), a.name(turn.locale()))).toList();
        return engine.start(turn, flow, flow.begin(turn, new ExportFlow.Choices(teamOptions, districts)));
    }
}
