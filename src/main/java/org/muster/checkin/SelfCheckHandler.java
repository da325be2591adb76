package org.muster.checkin;

import java.util.List;
import java.util.Set;

import org.muster.conversation.EffectHandler;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

@Component
class SelfCheckHandler implements EffectHandler<SelfCheck> {

    private final Attendance attendance;
    private final Calls calls;
    private final Volunteers volunteers;

    SelfCheckHandler(Attendance attendance, Calls calls, Volunteers volunteers) {
        this.attendance = attendance;
        this.calls = calls;
        this.volunteers = volunteers;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.VOLUNTEER);
    }

    @Override
    public Class<SelfCheck> type() {
        return SelfCheck.class;
    }

    @Override
    public List<Outbound> apply(SelfCheck effect, Turn turn) {
        Call call = calls.call(effect.activityId()).orElseThrow();
        Volunteer volunteer = volunteers.byUser(turn.userId()).orElseThrow();
        Attendance.Result result = effect.out()
                ? attendance.selfCheckOut(call, volunteer, effect.latitude(), effect.longitude())
                : attendance.selfCheckIn(call, volunteer, effect.latitude(), effect.longitude());
        Txt answer = switch (result.outcome()) {
            case CHECKED_IN -> Txt.of("checkin.self_in_done", Txt.literal(call.title()));
            case ALREADY_IN -> Txt.of("checkin.self_already_in");
            // no minutes inside the shift: nothing goes to the leader, so none is promised
            case CHECKED_OUT -> result.minutes() > 0 ? Txt.of("checkin.self_out_done", Txt.literal(call.title()), result.minutes())
                    : Txt.of("checkin.self_out_no_minutes", Txt.literal(call.title()));
            case ALREADY_OUT -> Txt.of("checkin.self_already_out");
            case NOT_IN -> Txt.of("checkin.self_not_in");
            case TOO_FAR -> Txt.of("checkin.too_far", result.distance(), attendance.geofence());
            case OUTSIDE_WINDOW -> Txt.of("checkin.outside_window", attendance.early().toMinutes());
            case NO_SITE_LOCATION -> Txt.of("checkin.no_site_location", Txt.literal(call.title()));
            default -> Txt.of("checkin.not_on_shift");
        };
        return List.of(turn.reply(answer, new Markup.RemoveKeyboard()));
    }
}
