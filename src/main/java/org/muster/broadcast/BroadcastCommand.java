package org.muster.broadcast;

import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.springframework.stereotype.Component;

/** {@code /broadcast}: a coordinator sends a plain notice to groups, through the outbox. */
@Component
class BroadcastCommand implements CommandHandler {

    private final FlowEngine engine;
    private final BroadcastFlow flow;

    BroadcastCommand(FlowEngine engine, BroadcastFlow flow) {
        this.engine = engine;
        this.flow = flow;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("broadcast", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return engine.start(turn, flow, flow.begin(turn));
    }
}
