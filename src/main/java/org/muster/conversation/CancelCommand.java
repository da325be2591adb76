package org.muster.conversation;

import java.util.List;

import org.springframework.stereotype.Component;

/** {@code /cancel} (取消): ends the caller's conversation in this chat; nothing half-done is kept. */
@Component
class CancelCommand implements CommandHandler {

    private final FlowEngine engine;

    CancelCommand(FlowEngine engine) {
        this.engine = engine;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.anyone("cancel", CommandSpec.Place.ANY);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        boolean cancelled = engine.cancel(turn.chatId(), turn.userId());
        return List.of(turn.reply(Txt.of(cancelled ? "cancel.done" : "cancel.nothing"), new Markup.RemoveKeyboard()));
    }
}
