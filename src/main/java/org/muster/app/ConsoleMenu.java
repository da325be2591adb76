package org.muster.app;

import java.util.List;

import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.StartExtras;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * A coordinator's or leader's {@code /start} in the private chat sets that chat's menu button to
 * the console (Telegram's {@code setChatMenuButton}); anyone else's leaves Telegram's default (the
 * command list), and puts it back for someone whose role is gone.
 */
@Component
class ConsoleMenu implements StartExtras {

    private final ConsoleLink link;

    ConsoleMenu(ConsoleLink link) {
        this.link = link;
    }

    @Override
    public List<Outbound> onStart(Turn turn) {
        if (!turn.isPrivate()) {
            return List.of();
        }
        boolean allowed = turn.has(Role.COORDINATOR) || turn.has(Role.LEADER);
        return link.url(null)
                .map(url -> List.<Outbound>of(new Outbound.MenuButton(turn.chatId(), Txt.of("app.menu_button"), allowed ? url : null,
                        turn.locale())))
                .orElse(List.of());
    }
}
