package org.muster.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * {@code /start}: the greeting and what the caller can do; with a payload ({@code /start signup},
 * {@code /start join_…}) it is a deep link handed to the feature that owns the payload's prefix.
 */
@Component
class StartCommand implements CommandHandler {

    private final List<DeepLinkHandler> deepLinks;
    private final HelpCommand help;
    private final List<StartExtras> extras;

    StartCommand(List<DeepLinkHandler> deepLinks, HelpCommand help, List<StartExtras> extras) {
        this.deepLinks = deepLinks;
        this.help = help;
        this.extras = extras;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.anyone("start", CommandSpec.Place.ANY);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        if (call.hasArgs()) {
            Optional<DeepLinkHandler> handler = deepLinks.stream()
                    .filter(link -> call.args().startsWith(link.prefix()))
                    .findFirst();
            if (handler.isPresent()) {
                return handler.get().handle(turn, call.args().substring(handler.get().prefix().length()));
            }
        }
        List<Outbound> out = new ArrayList<>();
        Txt greeting = turn.isPrivate()
                ? Txt.of("start.greeting", turn.from().firstName() == null ? "" : turn.from().firstName())
                : Txt.of("start.greeting_group");
        out.add(turn.reply(greeting));
        out.add(help.helpFor(turn));
        extras.forEach(extra -> out.addAll(extra.onStart(turn)));
        return out;
    }
}
