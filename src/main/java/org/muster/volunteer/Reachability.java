package org.muster.volunteer;

import java.util.List;

import org.muster.conversation.BotRemovedFromChat;
import org.muster.conversation.ChatEventHandler;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A volunteer who blocked the bot gets no private messages (learnt from a refused send, or from
 * Telegram's notice) until they unblock it.
 */
@Component
class Reachability implements ChatEventHandler {

    private final VolunteerRepository repository;

    Reachability(VolunteerRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void onBlocked(BotRemovedFromChat removed) {
        if (removed.chatId() > 0) {
            repository.unreachable(removed.chatId());
        }
    }

    @Override
    public List<Outbound> handle(Turn turn) {
        if (turn.isPrivate() && turn.inbound() instanceof Inbound.BotStatusChanged change) {
            if (change.after().isPresent()) {
                repository.reachable(turn.userId());
            } else {
                repository.unreachable(turn.userId());
            }
        }
        return List.of();
    }
}
