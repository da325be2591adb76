package org.muster.reminder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.muster.broadcast.Broadcast;
import org.muster.broadcast.BroadcastContent;
import org.muster.broadcast.Broadcasts;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The reminder to a volunteer ("in 2 hours: … — still coming?") and the roster to the team's group
 * (Telegram names only, no phone numbers). Rendered when sent: someone who left in the meantime
 * gets nothing, and the roster lists who is on it then.
 */
@Component
class ReminderContent {

    private final Calls calls;
    private final Volunteers volunteers;
    private final Broadcasts broadcasts;
    private final Clock clock;
    private final ReminderProperties properties;

    ReminderContent(Calls calls, Volunteers volunteers, @Lazy Broadcasts broadcasts, Clock clock, ReminderProperties properties) {
        this.properties = properties;
        this.calls = calls;
        this.volunteers = volunteers;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    Optional<Outbound> toVolunteer(Broadcast broadcast, long userId) {
        Optional<Call> call = calls.call(broadcast.activityId()).filter(c -> !c.isCancelled());
        Optional<Volunteer> volunteer = volunteers.byUser(userId);
        if (call.isEmpty() || volunteer.isEmpty()) {
            return Optional.empty();
        }
        boolean stillOn = calls.enrollment(call.get().id(), volunteer.get().id()).filter(e -> "confirmed".equals(e.status())).isPresent();
        if (!stillOn || superseded(broadcast, volunteer.get(), call.get())) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), call.get().startsAt());
        long hours = Math.max(0, left.toHours());
        long minutes = Math.max(0, left.toMinutesPart());
        long id = call.get().id();
        return Optional.of(new Outbound.Send(userId, Txt.of("reminder.volunteer", Txt.literal(call.get().title()), calls.when(call.get()),
                Txt.literal(call.get().siteName()), hours, minutes), Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("reminder.coming"), "remind:yes:" + id),
                Markup.Button.callback(Txt.of("reminder.not_coming"), "remind:no:" + id))), null,
                broadcasts.localeOf(userId, true, broadcast.locale())));
    }

    /**
     * A reminder so late that a later one of the same volunteer is already due says nothing the
     * later one does not (after a restart, say): only the later one goes.
     */
    private boolean superseded(Broadcast broadcast, Volunteer volunteer, Call call) {
        long offset = Long.parseLong(broadcast.text());
        List<Duration> offsets = volunteer.reminderOffsets().isEmpty() ? properties.offsets()
                : volunteer.reminderOffsets().stream().map(Duration::ofMinutes).toList();
        return offsets.stream().anyMatch(other -> other.toMinutes() < offset
                && !clock.instant().isBefore(call.startsAt().minus(other)));
    }

    Optional<Outbound> roster(Broadcast broadcast, long groupId) {
        return calls.call(broadcast.activityId()).filter(c -> !c.isCancelled()).map(call -> {
            List<Txt> names = volunteers.byIds(calls.confirmedVolunteers(call.id())).stream()
                    .map(v -> Txt.of("reminder.roster_line", Txt.literal(v.groupName()))).toList();
            return new Outbound.Send(groupId, Txt.of("reminder.roster", Txt.literal(call.title()), calls.when(call),
                    Txt.literal(call.siteName()), names.size(), call.slots(), names), null, null,
                    broadcasts.localeOf(groupId, false, broadcast.locale()));
        });
    }

    @Component
    static class ToVolunteer implements BroadcastContent {
        private final ReminderContent content;

        ToVolunteer(ReminderContent content) {
            this.content = content;
        }

        @Override
        public String kind() {
            return ReminderScheduler.VOLUNTEER;
        }

        @Override
        public Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer) {
            return content.toVolunteer(broadcast, chatId);
        }
    }

    @Component
    static class Roster implements BroadcastContent {
        private final ReminderContent content;

        Roster(ReminderContent content) {
            this.content = content;
        }

        @Override
        public String kind() {
            return ReminderScheduler.ROSTER;
        }

        @Override
        public Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer) {
            return content.roster(broadcast, chatId);
        }
    }

}
