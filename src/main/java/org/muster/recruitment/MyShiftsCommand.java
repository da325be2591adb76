package org.muster.recruitment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * {@code /myshifts} and {@code /leave}: the volunteer's coming shifts with a leave button each.
 * Asked in a group, the list goes to the private chat: a schedule is nobody else's business.
 */
@Component
class MyShiftsCommand {

    private final Volunteers volunteers;
    private final EnrollmentRepository enrollments;
    private final CallRepository calls;
    private final CallMessages messages;
    private final Clock clock;

    MyShiftsCommand(Volunteers volunteers, EnrollmentRepository enrollments, CallRepository calls, CallMessages messages, Clock clock) {
        this.volunteers = volunteers;
        this.enrollments = enrollments;
        this.calls = calls;
        this.messages = messages;
        this.clock = clock;
    }

    List<Outbound> list(Turn turn, boolean forLeaving) {
        Volunteer volunteer = volunteers.byUser(turn.userId()).orElseThrow();
        List<Txt> lines = new ArrayList<>();
        List<List<Markup.Button>> buttons = new ArrayList<>();
        for (long activity : enrollments.upcomingActivities(volunteer.id(), clock.instant())) {
            Call call = calls.byId(activity).orElseThrow();
            Enrollment enrollment = enrollments.of(activity, volunteer.id()).orElseThrow();
            int place = "waitlisted".equals(enrollment.status()) ? enrollments.waitlistPlace(enrollment) : 0;
            lines.add(messages.shiftLine(call, enrollment, place));
            buttons.add(List.of(Markup.Button.callback(Txt.of("shift.leave_button", Txt.literal(call.title())), "leave:" + activity)));
        }
        Outbound.Send list = lines.isEmpty()
                ? new Outbound.Send(turn.userId(), Txt.of("shift.none"), null, null, turn.locale())
                : new Outbound.Send(turn.userId(), Txt.of(forLeaving ? "shift.which_to_leave" : "shift.list", lines),
                        new Markup.Inline(buttons), null, turn.locale());
        if (turn.isPrivate()) {
            return List.of(list);
        }
        return List.of(list, turn.reply(Txt.of("shift.sent_privately")));
    }

    @Component
    static class MyShifts implements CommandHandler {
        private final MyShiftsCommand command;

        MyShifts(MyShiftsCommand command) {
            this.command = command;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.forRoles("myshifts", CommandSpec.Place.ANY, Role.VOLUNTEER);
        }

        @Override
        public List<Outbound> handle(Turn turn, CommandCall call) {
            return command.list(turn, false);
        }
    }

    @Component
    static class Leave implements CommandHandler {
        private final MyShiftsCommand command;

        Leave(MyShiftsCommand command) {
            this.command = command;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.forRoles("leave", CommandSpec.Place.ANY, Role.VOLUNTEER);
        }

        @Override
        public List<Outbound> handle(Turn turn, CommandCall call) {
            return command.list(turn, true);
        }
    }
}
