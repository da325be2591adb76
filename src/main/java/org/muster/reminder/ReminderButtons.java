package org.muster.reminder;

import java.util.List;

import org.muster.conversation.ButtonHandler;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Enrolments;
import org.springframework.stereotype.Component;

/** "Still coming" / "can't come" under a reminder; can't come leaves the shift and offers the place on. */
@Component
class ReminderButtons implements ButtonHandler {

    private final Enrolments enrolments;

    ReminderButtons(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    @Override
    public String prefix() {
        return "remind";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        var call = button.number(2);
        if (call.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        long activity = call.getAsLong();
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        if (button.part(1).equals("yes")) {
            return List.of(turn.toast(Txt.of("reminder.thanks")), clear);
        }
        Enrolments.Result result = enrolments.leave(turn.userId(), activity);
        if (result.outcome() != Enrolments.Outcome.LEFT) {
            return List.of(turn.toast(Txt.of("enrol.toast_not_enrolled")), clear);
        }
        return List.of(turn.toast(Txt.of("enrol.toast_left")), clear,
                turn.reply(Txt.of("reminder.left", Txt.literal(result.call().title()))));
    }
}
