package org.muster.hours;

import java.util.ArrayList;
import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** {@code /approve}: the records waiting for this leader (or, for a coordinator, all), oldest first, each with its buttons. */
@Component
class ApproveCommand implements CommandHandler {

    static final int SHOWN = 10;

    private final HoursRepository repository;
    private final Reviews reviews;
    private final ReviewCards cards;

    ApproveCommand(HoursRepository repository, Reviews reviews, ReviewCards cards) {
        this.repository = repository;
        this.reviews = reviews;
        this.cards = cards;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("approve", CommandSpec.Place.PRIVATE, Role.LEADER, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        List<Long> teams = reviews.reviewedTeams(turn.userId(), turn.roles());
        int count = repository.pendingCount(teams);
        if (count == 0) {
            return List.of(turn.reply(Txt.of("hours.nothing_pending")));
        }
        List<Outbound> out = new ArrayList<>();
        out.add(turn.reply(Txt.of("hours.pending_header", count, Math.min(count, SHOWN))));
        repository.pending(teams, SHOWN).forEach(record -> out.add(cards.cardReply(turn.chatId(), record, turn.locale())));
        return out;
    }
}
