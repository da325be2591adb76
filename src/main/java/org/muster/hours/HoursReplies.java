package org.muster.hours;

import java.util.List;
import java.util.Optional;

import org.muster.conversation.FlowEngine;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.ReplyHandler;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * Replies to the group's "how many hours did you serve?": a member of the shift answers with a
 * duration (or is asked again, in their own conversation for that group); anyone else is told once
 * that the question is not for them.
 */
@Component
class HoursReplies implements ReplyHandler {

    private final GroupPrompts prompts;
    private final HoursRepository repository;
    private final Volunteers volunteers;
    private final FlowEngine engine;
    private final GroupHoursFlow flow;

    HoursReplies(GroupPrompts prompts, HoursRepository repository, Volunteers volunteers, FlowEngine engine, GroupHoursFlow flow) {
        this.prompts = prompts;
        this.repository = repository;
        this.volunteers = volunteers;
        this.engine = engine;
        this.flow = flow;
    }

    @Override
    public Optional<List<Outbound>> handle(Turn turn, Inbound.Text reply) {
        Optional<GroupPrompts.Prompt> prompt = prompts.find(turn.chatId(), reply.replyToMessageId())
                .filter(p -> p.kind().equals(HoursPrompts.KIND));
        if (prompt.isEmpty()) {
            return Optional.empty();
        }
        long activity = prompt.get().ref();
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        Optional<HoursRepository.Shift> shift = volunteer.flatMap(v -> repository.heldShift(v.id(), activity));
        if (shift.isEmpty()) {
            boolean first = prompts.firstRefusal(turn.chatId(), prompt.get().messageId(), turn.userId());
            return Optional.of(first ? List.of(turn.reply(Txt.of("hours.reply_not_on_shift"))) : List.of());
        }
        // recorded already; a report of their own that no one has reviewed yet they may still correct
        if (repository.recorded(volunteer.get().id(), activity) && repository.pendingOwnReport(volunteer.get().id(), activity).isEmpty()) {
            return Optional.of(List.of(turn.reply(Txt.of("hours.reply_recorded"))));
        }
        var date = shift.get().startsAt().atZone(turn.zone()).toLocalDate();
        return Optional.of(engine.start(turn, flow, flow.answer(turn, activity, date, reply.text())));
    }
}
