package org.muster.language;

import java.util.List;
import java.util.Optional;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.springframework.stereotype.Component;

/** {@code /lang}: choose Chinese or English; {@code /lang en} decides at once. */
@Component
class LangCommand implements CommandHandler {

    private final FlowEngine engine;
    private final LanguageFlow flow;

    LangCommand(FlowEngine engine, LanguageFlow flow) {
        this.engine = engine;
        this.flow = flow;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.anyone("lang", CommandSpec.Place.ANY);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        Optional<String> code = call.hasArgs() ? flow.codeFor(call.args()) : Optional.empty();
        return engine.start(turn, flow, code.map(c -> flow.chosen(turn, c)).orElseGet(() -> flow.begin(turn)));
    }
}
