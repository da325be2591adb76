package org.muster.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.broadcast.Schedules;
import org.muster.conversation.Languages;
import org.muster.conversation.OrganisationProperties;
import org.muster.recruitment.Call;
import org.muster.recruitment.CallChanged;
import org.muster.recruitment.Calls;
import org.muster.team.GroupChat;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Brings a call's scheduled reminders in line with who holds a place and when the shift is:
 * enrolling adds them, leaving removes them, re-timing moves them, cancelling removes them all.
 * A reminder whose time has already passed when it would be created is not created (someone who
 * enrols two hours before the start needs no "two hours to go"); one already scheduled stays.
 */
@Component
public class ReminderScheduler {

    static final String VOLUNTEER = "reminder";
    static final String ROSTER = "roster";

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);

    private final Calls calls;
    private final Volunteers volunteers;
    private final Teams teams;
    private final Schedules schedules;
    private final Clock clock;
    private final ReminderProperties properties;
    private final ReminderTimes times;
    private final Languages languages;

    ReminderScheduler(Calls calls, Volunteers volunteers, Teams teams, Schedules schedules, Clock clock, ReminderProperties properties,
                      OrganisationProperties organisation, Languages languages) {
        this.calls = calls;
        this.volunteers = volunteers;
        this.teams = teams;
        this.schedules = schedules;
        this.clock = clock;
        this.properties = properties;
        this.times = new ReminderTimes(organisation.timeZone(), properties.quietFrom(), properties.quietTo());
        this.languages = languages;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    // outside the committed transaction: whatever this writes commits before it sends (Spring would
    // otherwise let it join the finished transaction, committed only when that is cleaned up)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onChange(CallChanged changed) {
        if (changed.volunteerId() != null) {
            syncVolunteer(changed.activityId(), changed.volunteerId());
        } else {
            sync(changed.activityId());
        }
    }

    /**
     * One volunteer's reminders of the call, and the call's roster: what an enrolment or a leave
     * changes. A handful of statements whatever the size of the call.
     */
    public void syncVolunteer(long activityId, long volunteerId) {
        Optional<Call> call = calls.call(activityId);
        Optional<Volunteer> volunteer = volunteers.byId(volunteerId);
        if (volunteer.isEmpty()) {
            return;
        }
        long chat = volunteer.get().userId();
        List<Schedules.Pending> existing = schedules.pending(activityId, VOLUNTEER, chat);
        boolean holdsPlace = call.isPresent() && !call.get().isCancelled()
                && calls.enrollment(activityId, volunteerId).filter(e -> "confirmed".equals(e.status())).isPresent();
        if (!holdsPlace) {
            schedules.cancel(existing.stream().map(Schedules.Pending::deliveryId).toList());
            return;
        }
        Instant start = call.get().startsAt();
        Instant now = clock.instant();
        Map<String, Instant> desired = new HashMap<>();
        offsetsOf(volunteer.get()).forEach(offset -> desired.put(Long.toString(offset.toMinutes()), times.due(start, offset)));
        schedules.cancel(existing.stream().filter(p -> !desired.containsKey(p.key())).map(Schedules.Pending::deliveryId).toList());
        var locale = languages.forUserId(chat);
        desired.forEach((key, due) -> {
            boolean scheduled = existing.stream().anyMatch(p -> p.key().equals(key));
            if (scheduled || due.isAfter(now)) {
                schedules.schedule(VOLUNTEER, activityId, key, chat, true, due, start, locale);
            }
        });
        Optional.ofNullable(call.get().teamId()).flatMap(teams::groupOf).filter(GroupChat::botPresent).ifPresent(group -> {
            Instant due = times.due(start, properties.roster());
            if (schedules.pending(activityId, ROSTER, group.chatId()).isEmpty() && due.isAfter(now)) {
                schedules.schedule(ROSTER, activityId, ROSTER, group.chatId(), false, due, start, Languages.CHINESE);
            }
        });
    }

    /** Makes the scheduled reminders of the call what they should be now. */
    public void sync(long activityId) {
        Optional<Call> call = calls.call(activityId);
        List<Schedules.Pending> pending = new ArrayList<>(schedules.pending(activityId, VOLUNTEER));
        pending.addAll(schedules.pending(activityId, ROSTER));
        if (call.isEmpty() || call.get().isCancelled()) {
            schedules.cancel(pending.stream().map(Schedules.Pending::deliveryId).toList());
            return;
        }
        Instant start = call.get().startsAt();
        Instant now = clock.instant();
        Map<String, Schedules.Pending> existing = new HashMap<>();
        pending.forEach(p -> existing.put(p.key() + "@" + p.chatId(), p));
        Map<String, Desired> desired = new HashMap<>();
        for (Volunteer volunteer : volunteers.byIds(calls.confirmedVolunteers(activityId))) {
            for (Duration offset : offsetsOf(volunteer)) {
                String key = Long.toString(offset.toMinutes());
                desired.put(key + "@" + volunteer.userId(), new Desired(VOLUNTEER, key, volunteer.userId(), true, times.due(start, offset)));
            }
        }
        Optional<GroupChat> group = Optional.ofNullable(call.get().teamId()).flatMap(teams::groupOf).filter(GroupChat::botPresent);
        group.ifPresent(g -> desired.put(ROSTER + "@" + g.chatId(),
                new Desired(ROSTER, ROSTER, g.chatId(), false, times.due(start, properties.roster()))));

        List<Long> obsolete = new ArrayList<>();
        existing.forEach((id, p) -> {
            if (!desired.containsKey(id)) {
                obsolete.add(p.deliveryId());
            }
        });
        schedules.cancel(obsolete);
        for (Map.Entry<String, Desired> entry : desired.entrySet()) {
            Desired want = entry.getValue();
            boolean scheduled = existing.containsKey(entry.getKey());
            if (!scheduled && !want.due().isAfter(now)) {
                continue;
            }
            schedules.schedule(want.kind(), activityId, want.key(), want.chatId(), want.toVolunteer(), want.due(), start,
                    want.toVolunteer() ? languages.forUserId(want.chatId()) : Languages.CHINESE);
        }
        log.debug("reminders of call {}: {} wanted, {} dropped", activityId, desired.size(), obsolete.size());
    }

    private List<Duration> offsetsOf(Volunteer volunteer) {
        return volunteer.reminderOffsets().isEmpty() ? properties.offsets()
                : volunteer.reminderOffsets().stream().map(Duration::ofMinutes).toList();
    }

    private record Desired(String kind, String key, long chatId, boolean toVolunteer, Instant due) {
    }
}
