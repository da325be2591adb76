package org.muster.recruitment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Paging;
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

    /** Shifts on one page: their lines and leave buttons stay far below Telegram's limits. */
    static final int PAGE_SIZE = 10;

    List<Outbound> list(Turn turn, boolean forLeaving) {
        Outbound list = page(turn, forLeaving, 0, null);
        if (turn.isPrivate()) {
            return List.of(list);
        }
        return List.of(list, turn.reply(Txt.of("shift.sent_privately")));
    }

    /** Page {@code page} of the list: sent anew, or drawn over {@code messageId} when paging. */
    Outbound page(Turn turn, boolean forLeaving, int page, Integer messageId) {
        Volunteer volunteer = volunteers.byUser(turn.userId()).orElseThrow();
        Paging<Long> shown = Paging.of(enrollments.upcomingActivities(volunteer.id(), clock.instant()), PAGE_SIZE, page);
        if (shown.total() == 0) {
            return messageId == null ? new Outbound.Send(turn.userId(), Txt.of("shift.none"), null, null, turn.locale())
                    : new Outbound.Edit(turn.userId(), messageId, Txt.of("shift.none"), null, turn.locale());
        }
        List<Txt> lines = new ArrayList<>();
        List<List<Markup.Button>> buttons = new ArrayList<>();
        for (long activity : shown.items()) {
            Call call = calls.byId(activity).orElseThrow();
            Enrollment enrollment = enrollments.of(activity, volunteer.id()).orElseThrow();
            int place = "waitlisted".equals(enrollment.status()) ? enrollments.waitlistPlace(enrollment) : 0;
            lines.add(messages.shiftLine(call, enrollment, place));
            // the list's page in the data: leaving from it draws the list again as it is then
            buttons.add(List.of(Markup.Button.callback(Txt.of("shift.leave_button", Txt.quote(call.title())),
                    "leave:" + activity + ":" + (forLeaving ? "leave" : "list") + ":" + shown.page())));
        }
        buttons.addAll(shown.navigation("shifts:" + (forLeaving ? "leave" : "list") + ":"));
        if (!forLeaving) {
            buttons.add(List.of(CallMessages.CALENDAR_BUTTON));
        }
        Txt text = Txt.of(forLeaving ? "shift.which_to_leave" : "shift.list", lines, shown.total());
        return messageId == null ? new Outbound.Send(turn.userId(), text, new Markup.Inline(buttons), null, turn.locale())
                : new Outbound.Edit(turn.userId(), messageId, text, new Markup.Inline(buttons), turn.locale());
    }

    /** {@code shifts:list|leave:<page>}: the volunteer pages through their own list, in the private chat. */
    @Component
    static class Pages implements ButtonHandler {
        private final MyShiftsCommand command;
        private final Volunteers volunteers;

        Pages(MyShiftsCommand command, Volunteers volunteers) {
            this.command = command;
            this.volunteers = volunteers;
        }

        @Override
        public String prefix() {
            return "shifts";
        }

        @Override
        public List<Outbound> handle(Turn turn, Inbound.Button button) {
            String[] parts = button.data().split(":");
            if (!turn.isPrivate() || parts.length != 3 || volunteers.byUser(turn.userId()).isEmpty()) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
            try {
                return List.of(turn.toast(null), command.page(turn, parts[1].equals("leave"), Integer.parseInt(parts[2]), button.messageId()));
            } catch (NumberFormatException e) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
        }
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
