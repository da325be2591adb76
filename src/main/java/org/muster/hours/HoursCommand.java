package org.muster.hours;

import java.time.ZoneId;
import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/** {@code /hours} (时长): report service hours, for one of your recent shifts or another activity. */
@Component
class HoursCommand implements CommandHandler {

    private final FlowEngine engine;
    private final HoursReportFlow flow;
    private final HoursRepository repository;
    private final Volunteers volunteers;
    private final HoursProperties properties;

    HoursCommand(FlowEngine engine, HoursReportFlow flow, HoursRepository repository, Volunteers volunteers, HoursProperties properties) {
        this.engine = engine;
        this.flow = flow;
        this.repository = repository;
        this.volunteers = volunteers;
        this.properties = properties;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("hours", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        var volunteer = volunteers.byUser(turn.userId());
        if (volunteer.isEmpty()) {
            return List.of(turn.reply(Txt.of("error.not_signed_up")));
        }
        ZoneId zone = turn.zone();
        List<HoursReportFlow.Shift> shifts = repository.unrecordedShifts(volunteer.get().id(),
                        turn.now().minus(properties.reportWindow()), turn.now()).stream()
                .map(s -> new HoursReportFlow.Shift(s.activityId(), s.title(), s.startsAt().atZone(zone).toLocalDate(), s.minutes()))
                .toList();
        return engine.start(turn, flow, flow.begin(turn, shifts));
    }
}
