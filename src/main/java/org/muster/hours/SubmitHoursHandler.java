package org.muster.hours;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes a volunteer's report, pending review, after the checks that need the database: a shift
 * they held that has started, not recorded yet; no day in the future; at most 24 hours a day
 * (checked under a lock on the volunteer, so two reports at once cannot both pass).
 */
@Component
class SubmitHoursHandler implements EffectHandler<SubmitHours> {

    private final HoursRepository repository;
    private final Volunteers volunteers;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    SubmitHoursHandler(HoursRepository repository, Volunteers volunteers, ApplicationEventPublisher events, AuditLog audit) {
        this.repository = repository;
        this.volunteers = volunteers;
        this.events = events;
        this.audit = audit;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.VOLUNTEER);
    }

    @Override
    public Class<SubmitHours> type() {
        return SubmitHours.class;
    }

    @Override
    public List<Outbound> apply(SubmitHours report, Turn turn) {
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        if (volunteer.isEmpty()) {
            return List.of(turn.reply(Txt.of("error.not_signed_up")));
        }
        long volunteerId = volunteer.get().id();
        if (report.date().isAfter(turn.now().atZone(turn.zone()).toLocalDate())) {
            return List.of(turn.reply(Txt.of("hours.date_future")));
        }
        repository.lockVolunteer(volunteerId);
        Optional<HoursRepository.Report> replaced = Optional.empty();
        if (report.activityId() != null) {
            Optional<HoursRepository.Shift> shift = repository.heldShift(volunteerId, report.activityId());
            if (shift.isEmpty() || shift.get().startsAt().isAfter(turn.now())) {
                return List.of(turn.reply(Txt.of("hours.not_your_shift")));
            }
            // in the group, answering the question again corrects one's own report while no one has reviewed it
            replaced = report.inGroup() ? repository.pendingOwnReport(volunteerId, report.activityId()) : Optional.empty();
            if (replaced.isEmpty() && repository.recorded(volunteerId, report.activityId())) {
                return List.of(turn.reply(Txt.of("hours.duplicate", Txt.literal(shift.get().title()))));
            }
        }
        int already = repository.dayTotal(volunteerId, report.date()) - replaced.map(HoursRepository.Report::minutes).orElse(0);
        if (already + report.minutes() > DurationParser.MAX_MINUTES) {
            return List.of(turn.reply(Txt.of("hours.day_full", Durations.of(already),
                    Durations.of(Math.max(0, DurationParser.MAX_MINUTES - already)))));
        }
        if (replaced.isPresent()) {
            long id = replaced.get().id();
            if (!repository.replaceMinutes(id, report.minutes())) {
                return List.of(turn.reply(Txt.of("hours.reply_recorded")));
            }
            audit.record(turn.userId(), "hours.replaced", turn.chatId(), Map.of("record", id, "from", replaced.get().minutes(),
                    "minutes", report.minutes()));
            // the leaders get the corrected figure to decide on
            events.publishEvent(new HoursReported(id));
            return List.of(turn.reply(Txt.of("hours.replaced_group", id, Durations.of(report.minutes()))));
        }
        long id = repository.insertReport(volunteerId, report.activityId(), report.description(), report.date(), report.minutes(),
                report.note());
        audit.record(turn.userId(), "hours.reported", turn.chatId(), Map.of("record", id, "minutes", report.minutes()));
        events.publishEvent(new HoursReported(id));
        return List.of(turn.reply(Txt.of(report.inGroup() ? "hours.submitted_group" : "hours.submitted", id, Durations.of(report.minutes()))));
    }
}
