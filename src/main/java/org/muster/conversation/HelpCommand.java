package org.muster.conversation;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code /help} (帮助): the commands the caller's roles allow in this kind of chat. */
@Component
class HelpCommand implements CommandHandler {

    private final ObjectProvider<CommandCatalog> catalog;
    private volatile CommandCatalog known;

    // the catalog collects every handler, this one included: looked up when asked, not a lazy proxy on every call
    HelpCommand(ObjectProvider<CommandCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.anyone("help", CommandSpec.Place.ANY);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return List.of(helpFor(turn));
    }

    private CommandCatalog catalog() {
        CommandCatalog current = known;
        if (current == null) {
            current = catalog.getObject();
            known = current;
        }
        return current;
    }

    Outbound.Send helpFor(Turn turn) {
        List<Txt> lines = catalog().available(turn.roles(), turn.chat()).stream()
                .map(spec -> Txt.of("help.line", "/" + spec.name(), Txt.of(spec.descriptionKey())))
                .toList();
        String header = turn.isPrivate() ? "help.private" : "help.group";
        return turn.reply(Txt.of(header, lines));
    }
}
