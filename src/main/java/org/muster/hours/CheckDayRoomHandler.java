package org.muster.hours;

import java.util.List;
import java.util.Set;

import org.muster.conversation.EffectHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.StepRejected;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * The 24-hours-a-day check where the duration is typed, so a report that cannot fit is asked again there,
 * with the hours the day has left, instead of being refused at the end. The submit checks again under a
 * lock ({@link SubmitHoursHandler}): two reports at once cannot both pass.
 */
@Component
class CheckDayRoomHandler implements EffectHandler<CheckDayRoom> {

    private final HoursRepository repository;
    private final Volunteers volunteers;

    CheckDayRoomHandler(HoursRepository repository, Volunteers volunteers) {
        this.repository = repository;
        this.volunteers = volunteers;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.VOLUNTEER);
    }

    @Override
    public Class<CheckDayRoom> type() {
        return CheckDayRoom.class;
    }

    @Override
    public List<Outbound> apply(CheckDayRoom check, Turn turn) {
        var volunteer = volunteers.byUser(turn.userId());
        if (volunteer.isEmpty()) {
            return List.of();
        }
        int already = repository.dayTotal(volunteer.get().id(), check.date());
        if (already + check.minutes() > DurationParser.MAX_MINUTES) {
            throw new StepRejected(turn.reply(Txt.of("hours.day_left", Durations.of(already),
                    Durations.of(Math.max(0, DurationParser.MAX_MINUTES - already)), Txt.date(check.date().atStartOfDay(turn.zone())))));
        }
        return List.of();
    }
}
