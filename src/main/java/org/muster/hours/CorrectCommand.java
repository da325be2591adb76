package org.muster.hours;

import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * {@code /correct <record> <duration> [reason]}: a coordinator changes an approved record (the
 * record number is on review messages, in /myhours and in the export). Audited with before, after and reason.
 */
@Component
class CorrectCommand implements CommandHandler {

    private final Reviews reviews;
    private final HoursWords words;

    CorrectCommand(Reviews reviews, HoursWords words) {
        this.reviews = reviews;
        this.words = words;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("correct", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        String[] parts = call.args() == null ? new String[0] : call.args().strip().split("\\s+", 3);
        if (parts.length < 2) {
            return List.of(turn.reply(Txt.of("hours.correct_usage")));
        }
        long id;
        try {
            id = Long.parseLong(parts[0].replace("#", ""));
        } catch (NumberFormatException e) {
            return List.of(turn.reply(Txt.of("hours.correct_usage")));
        }
        DurationParser.Result parsed = this.words.duration(parts[1]);
        if (parsed instanceof DurationParser.Invalid invalid) {
            return List.of(turn.reply(invalid.reason()), turn.reply(Txt.of("hours.correct_usage")));
        }
        int minutes = ((DurationParser.Minutes) parsed).value();
        String reason = parts.length > 2 ? parts[2] : null;
        Reviews.Decision decision = reviews.correct(id, turn.userId(), minutes, reason, turn.chatId());
        Txt answer = switch (decision.outcome()) {
            case CORRECTED -> Txt.of("hours.corrected", id, Durations.of(decision.record().minutes()), Durations.of(minutes));
            case NOT_APPROVED -> Txt.of("hours.correct_not_approved", id);
            case OWN_RECORD -> Txt.of("hours.own_record");
            default -> Txt.of("hours.no_such_record", id);
        };
        List<Outbound> out = new java.util.ArrayList<>();
        out.add(turn.reply(answer));
        out.addAll(decision.notices());
        return out;
    }
}
