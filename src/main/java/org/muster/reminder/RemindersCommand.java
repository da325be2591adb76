package org.muster.reminder;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Calls;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/** {@code /reminders}: a volunteer picks when to be reminded of their shifts; coming shifts follow at once. */
@Component
class RemindersCommand implements CommandHandler, ButtonHandler {

    private final Volunteers volunteers;
    private final ReminderProperties properties;
    private final ReminderScheduler scheduler;
    private final Calls calls;
    private final Clock clock;

    RemindersCommand(Volunteers volunteers, ReminderProperties properties, ReminderScheduler scheduler, Calls calls, Clock clock) {
        this.volunteers = volunteers;
        this.properties = properties;
        this.scheduler = scheduler;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("reminders", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        Volunteer volunteer = volunteers.byUser(turn.userId()).orElseThrow();
        return List.of(turn.reply(Txt.of("reminder.choose"), keyboard(chosen(volunteer))));
    }

    private List<Long> chosen(Volunteer volunteer) {
        return volunteer.reminderOffsets().isEmpty()
                ? properties.offsets().stream().map(Duration::toMinutes).toList()
                : volunteer.reminderOffsets().stream().map(Integer::longValue).toList();
    }

    private Markup.Inline keyboard(List<Long> chosen) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        List<Markup.Button> row = new ArrayList<>();
        for (Duration choice : properties.choices()) {
            Txt label = label(choice);
            row.add(Markup.Button.callback(chosen.contains(choice.toMinutes()) ? Txt.of("reminder.selected", label) : label,
                    "rem:" + choice.toMinutes()));
            if (row.size() == 3) {
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("reminder.default"), "rem:default"),
                Markup.Button.callback(Txt.of("reminder.done"), "rem:done")));
        return new Markup.Inline(rows);
    }

    private static Txt label(Duration offset) {
        return offset.toMinutes() % 60 == 0 ? Txt.of("reminder.hours_before", offset.toHours())
                : Txt.of("reminder.minutes_before", offset.toMinutes());
    }

    @Override
    public String prefix() {
        return "rem";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        Volunteer volunteer = volunteers.byUser(turn.userId()).orElse(null);
        if (volunteer == null || !turn.isPrivate()) {
            return List.of(turn.toast(Txt.of("error.not_signed_up")));
        }
        String value = button.data().substring("rem:".length());
        if (value.equals("done")) {
            return List.of(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()),
                    turn.reply(Txt.of("reminder.saved")));
        }
        List<Integer> offsets;
        if (value.equals("default")) {
            offsets = List.of();
        } else {
            long minutes;
            try {
                minutes = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
            if (properties.choices().stream().noneMatch(d -> d.toMinutes() == minutes)) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
            List<Long> now = new ArrayList<>(chosen(volunteer));
            if (!now.remove(minutes)) {
                now.add(minutes);
            }
            if (now.isEmpty()) {
                return List.of(turn.toast(Txt.of("reminder.pick_one")));
            }
            offsets = now.stream().map(Long::intValue).sorted((a, b) -> b - a).toList();
        }
        volunteers.reminderOffsets(turn.userId(), offsets);
        calls.upcomingOf(volunteer.id(), clock.instant()).forEach(scheduler::sync);
        Volunteer updated = volunteers.byUser(turn.userId()).orElseThrow();
        return List.of(new Outbound.EditButtons(turn.chatId(), button.messageId(), keyboard(chosen(updated)), turn.locale()));
    }
}
