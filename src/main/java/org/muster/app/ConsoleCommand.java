package org.muster.app;

import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** {@code /console} (调度台): a button that opens the coordination console, and the chat's menu button set to it. */
@Component
class ConsoleCommand implements CommandHandler {

    private final ConsoleLink link;

    ConsoleCommand(ConsoleLink link) {
        this.link = link;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("console", CommandSpec.Place.PRIVATE, Role.COORDINATOR, Role.LEADER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return link.url(turn.has(Role.COORDINATOR) ? "board" : "shifts")
                .map(url -> List.<Outbound>of(
                        turn.reply(Txt.of("app.open_prompt"), Markup.Inline.of(List.of(Markup.Button.webApp(Txt.of("app.open_button"), url)))),
                        new Outbound.MenuButton(turn.chatId(), Txt.of("app.menu_button"), link.url(null).orElseThrow(), turn.locale())))
                .orElseGet(() -> List.of(turn.reply(Txt.of("app.not_configured"))));
    }
}
