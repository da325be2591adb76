package org.muster.checkin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * Roster buttons: {@code att:in|out:<call>:<volunteer>} toggles a member's check-in or check-out,
 * {@code att:extra:<attendance>} confirms time beyond the shift. Only the leader of the team running
 * the shift, or a coordinator, may press them; anyone else is refused and the attempt audited.
 */
@Component
class AttendanceButtons implements ButtonHandler {

    private final Calls calls;
    private final Teams teams;
    private final Volunteers volunteers;
    private final Attendance attendance;
    private final Rosters rosters;
    private final AuditLog audit;
    private final GroupPrompts prompts;

    AttendanceButtons(Calls calls, Teams teams, Volunteers volunteers, Attendance attendance, Rosters rosters, AuditLog audit,
                      GroupPrompts prompts) {
        this.prompts = prompts;
        this.calls = calls;
        this.teams = teams;
        this.volunteers = volunteers;
        this.attendance = attendance;
        this.rosters = rosters;
        this.audit = audit;
    }

    @Override
    public String prefix() {
        return "att";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        String[] parts = button.data().split(":");
        try {
            if (parts[1].equals("extra")) {
                return extra(turn, button, Long.parseLong(parts[2]));
            }
            if (parts[1].equals("self")) {
                return openReplies(turn, button, Long.parseLong(parts[2]));
            }
            return toggle(turn, button, parts[1].equals("out"), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
    }

    private boolean mayManage(Turn turn, Call call) {
        return turn.has(Role.COORDINATOR) || (call.teamId() != null && teams.leads(turn.userId(), call.teamId()));
    }

    private List<Outbound> toggle(Turn turn, Inbound.Button button, boolean out, long activityId, long volunteerId) {
        Optional<Call> call = calls.call(activityId);
        Optional<Volunteer> volunteer = volunteers.byId(volunteerId);
        if (call.isEmpty() || volunteer.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (!mayManage(turn, call.get())) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "attendance", "call", activityId));
            return List.of(turn.toast(Txt.of("checkin.leaders_only")));
        }
        String how = turn.has(Role.COORDINATOR) && !teams.leads(turn.userId(), call.get().teamId() == null ? -1 : call.get().teamId())
                ? "coordinator" : "roster";
        Attendance.Result result = out ? attendance.checkOut(call.get(), volunteer.get(), turn.userId(), how, true, turn.chatId())
                : attendance.checkIn(call.get(), volunteer.get(), turn.userId(), how, true, turn.chatId());
        var locale = teams.group(turn.chatId()).flatMap(g -> Languages.fromCode(g.language())).orElse(turn.locale());
        Outbound redraw = rosters.redraw(turn.chatId(), button.messageId(), call.get(), out, locale);
        Txt toast = switch (result.outcome()) {
            case CHECKED_IN -> Txt.of("checkin.toast_in", Txt.literal(volunteer.get().groupName()));
            case UNDONE -> Txt.of("checkin.toast_undone", Txt.literal(volunteer.get().groupName()));
            case CHECKED_OUT -> Txt.of("checkin.toast_out", Txt.literal(volunteer.get().groupName()), result.minutes());
            case REOPENED -> Txt.of("checkin.toast_reopened", Txt.literal(volunteer.get().groupName()));
            case NOT_IN -> Txt.of("checkin.toast_not_in", Txt.literal(volunteer.get().groupName()));
            default -> Txt.of("checkin.not_on_shift");
        };
        if (result.outcome() == Attendance.Outcome.CHECKED_OUT && result.extraMinutes() > 0) {
            Outbound ask = turn.reply(Txt.of("checkin.extra_question", Txt.literal(volunteer.get().groupName()), result.extraMinutes()),
                    Markup.Inline.of(List.of(Markup.Button.callback(Txt.of("checkin.extra_confirm", result.extraMinutes()),
                            "att:extra:" + result.attendanceId()))));
            return List.of(turn.toast(toast), redraw, ask);
        }
        return List.of(turn.toast(toast), redraw);
    }

    /** The leader lets members answer the roster with 到 themselves, or stops that. */
    private List<Outbound> openReplies(Turn turn, Inbound.Button button, long activityId) {
        Optional<Call> call = calls.call(activityId);
        // the pressed message must be this call's roster: forged data must not open another one
        Optional<GroupPrompts.Prompt> prompt = prompts.find(turn.chatId(), button.messageId())
                .filter(p -> p.kind().equals(Rosters.PROMPT) && p.ref() == activityId);
        if (call.isEmpty() || prompt.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (!mayManage(turn, call.get())) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "attendance-replies", "call", activityId));
            return List.of(turn.toast(Txt.of("checkin.leaders_only")));
        }
        boolean open = !prompt.get().open();
        prompts.open(turn.chatId(), button.messageId(), open);
        audit.record(turn.userId(), open ? "attendance.replies_opened" : "attendance.replies_closed", turn.chatId(),
                Map.of("call", activityId));
        var locale = teams.group(turn.chatId()).flatMap(g -> Languages.fromCode(g.language())).orElse(turn.locale());
        return List.of(turn.toast(Txt.of(open ? "checkin.replies_opened" : "checkin.replies_closed")),
                rosters.redraw(turn.chatId(), button.messageId(), call.get(), false, locale));
    }

    private List<Outbound> extra(Turn turn, Inbound.Button button, long attendanceId) {
        Optional<AttendanceRecord> record = attendance.recordById(attendanceId);
        Optional<Call> call = record.flatMap(r -> calls.call(r.activityId()));
        if (call.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (!mayManage(turn, call.get())) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "attendance-extra"));
            return List.of(turn.toast(Txt.of("checkin.leaders_only")));
        }
        Optional<Integer> minutes = attendance.confirmExtra(attendanceId, turn.userId(), turn.chatId());
        return List.of(turn.toast(minutes.map(m -> Txt.of("checkin.extra_done", m)).orElse(Txt.of("error.button_expired"))),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
    }
}
