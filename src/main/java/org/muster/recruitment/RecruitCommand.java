package org.muster.recruitment;

import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.springframework.stereotype.Component;

/** {@code /recruit} (招募): a coordinator creates a recruitment call, or resumes the draft of one that did not finish. */
@Component
class RecruitCommand implements CommandHandler {

    private final FlowEngine engine;
    private final RecruitFlow flow;

    RecruitCommand(FlowEngine engine, RecruitFlow flow) {
        this.engine = engine;
        this.flow = flow;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("recruit", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return engine.start(turn, flow, flow.begin(turn, engine.keptDraft(turn, flow)));
    }
}
