package org.muster.checkin;

import java.util.List;
import java.util.Locale;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Roster buttons. {@code att:in|undo|out|reopen:<call>:<volunteer>} does what its label says (an
 * undo that would clear recorded time turns the button into a confirmation first, {@code undo!} /
 * {@code reopen!}, and {@code keep} takes that back); {@code att:page:<call>:<n>} pages a long roster;
 * {@code att:self:<call>} lets members answer 到; {@code att:extra:<attendance>} confirms time beyond
 * the shift. A roster button counts only on that call's roster of the right kind, pressed by the leader
 * of the team running the shift or a coordinator; anything else is refused and writes nothing.
 */
@Component
class AttendanceButtons implements ButtonHandler {

    private static final Logger log = LoggerFactory.getLogger(AttendanceButtons.class);

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
            return switch (parts[1]) {
                case "extra" -> extra(turn, button, Long.parseLong(parts[2]));
                case "self" -> openReplies(turn, button, Long.parseLong(parts[2]));
                case "page" -> page(turn, button, Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
                case "keep" -> keep(turn, button, Long.parseLong(parts[2]));
                case "in", "undo", "undo!", "out", "reopen", "reopen!" ->
                        act(turn, button, parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
                default -> List.of(turn.toast(Txt.of("error.button_expired")));
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
    }

    private boolean mayManage(Turn turn, Call call) {
        return turn.has(Role.COORDINATOR) || (call.teamId() != null && teams.leads(turn.userId(), call.teamId()));
    }

    /** The pressed message is this call's roster (of the kind the action belongs to), or the press is forged or stale. */
    private Optional<GroupPrompts.Prompt> roster(Turn turn, Inbound.Button button, long activityId, String kind) {
        Optional<GroupPrompts.Prompt> prompt = prompts.find(turn.chatId(), button.messageId())
                .filter(p -> p.ref() == activityId && (kind == null ? Rosters.KINDS.contains(p.kind()) : p.kind().equals(kind)));
        if (prompt.isEmpty()) {
            log.info("roster button {} pressed by user {} on message {} in chat {}, which is not that roster; ignored",
                    button.data(), turn.userId(), button.messageId(), turn.chatId());
        }
        return prompt;
    }

    private Locale groupLocale(Turn turn) {
        return teams.group(turn.chatId()).flatMap(g -> Languages.fromCode(g.language())).orElse(turn.locale());
    }

    private List<Outbound> act(Turn turn, Inbound.Button button, String action, long activityId, long volunteerId) {
        boolean checkingOut = action.startsWith("out") || action.startsWith("reopen");
        Optional<Call> call = calls.call(activityId);
        Optional<Volunteer> volunteer = volunteers.byId(volunteerId);
        if (call.isEmpty() || volunteer.isEmpty() || roster(turn, button, activityId, checkingOut ? Rosters.PROMPT_OUT : Rosters.PROMPT).isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (!mayManage(turn, call.get())) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "attendance", "call", activityId));
            return List.of(turn.toast(Txt.of("checkin.leaders_only")));
        }
        Txt name = Txt.literal(volunteer.get().groupName());
        Locale locale = groupLocale(turn);
        Optional<AttendanceRecord> record = attendance.record(activityId, volunteerId);
        // an undo that clears recorded time is confirmed first, on the roster itself
        boolean clearsTime = record.filter(AttendanceRecord::out).isPresent();
        if ((action.equals("undo") || action.equals("reopen")) && clearsTime) {
            return List.of(turn.toast(Txt.of("checkin.toast_confirm", name)),
                    rosters.redraw(turn.chatId(), button.messageId(), call.get(), locale, volunteerId));
        }
        String how = turn.has(Role.COORDINATOR) && !teams.leads(turn.userId(), call.get().teamId() == null ? -1 : call.get().teamId())
                ? "coordinator" : "roster";
        Attendance.Result result = switch (action) {
            case "in" -> attendance.checkIn(call.get(), volunteer.get(), turn.userId(), how, turn.chatId());
            case "out" -> attendance.checkOut(call.get(), volunteer.get(), turn.userId(), how, turn.chatId());
            case "reopen", "reopen!" -> attendance.reopen(call.get(), volunteer.get(), turn.userId(), turn.chatId());
            default -> attendance.undoCheckIn(call.get(), volunteer.get(), turn.userId(), turn.chatId());
        };
        Outbound redraw = rosters.redraw(turn.chatId(), button.messageId(), call.get(), locale);
        Txt toast = switch (result.outcome()) {
            case CHECKED_IN -> Txt.of("checkin.toast_in", name);
            case ALREADY_IN -> Txt.of("checkin.toast_already_in", name);
            case UNDONE -> Txt.of("checkin.toast_undone", name);
            case CHECKED_OUT -> Txt.of("checkin.toast_out", name, result.minutes());
            case ALREADY_OUT -> Txt.of("checkin.toast_already_out", name);
            case REOPENED -> Txt.of("checkin.toast_reopened", name);
            case NOT_IN -> Txt.of("checkin.toast_not_in", name);
            case NOT_OUT -> Txt.of("checkin.toast_not_out", name);
            case HOURS_REVIEWED -> Txt.of("checkin.toast_hours_reviewed", name);
            case OUTSIDE_WINDOW -> Txt.of("checkin.toast_not_today");
            default -> Txt.of("checkin.not_on_shift");
        };
        if (result.outcome() == Attendance.Outcome.CHECKED_OUT && result.extraMinutes() > 0) {
            Outbound ask = turn.reply(Txt.of("checkin.extra_question", name, result.extraMinutes()),
                    Markup.Inline.of(List.of(Markup.Button.callback(Txt.of("checkin.extra_confirm", result.extraMinutes()),
                            "att:extra:" + result.attendanceId()))));
            return List.of(turn.toast(toast), redraw, ask);
        }
        return List.of(turn.toast(toast), redraw);
    }

    /** Takes back an undo's confirmation: the roster as it is. */
    private List<Outbound> keep(Turn turn, Inbound.Button button, long activityId) {
        Optional<Call> call = calls.call(activityId);
        if (call.isEmpty() || roster(turn, button, activityId, null).isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        return List.of(turn.toast(Txt.of("checkin.toast_kept")), rosters.redraw(turn.chatId(), button.messageId(), call.get(), groupLocale(turn)));
    }

    /** Anyone in the group may page through a long roster; it changes nothing but the message. */
    private List<Outbound> page(Turn turn, Inbound.Button button, long activityId, int page) {
        Optional<Call> call = calls.call(activityId);
        if (call.isEmpty() || page < 0 || roster(turn, button, activityId, null).isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        prompts.page(turn.chatId(), button.messageId(), page);
        return List.of(turn.toast(null), rosters.redraw(turn.chatId(), button.messageId(), call.get(), groupLocale(turn)));
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
        return List.of(turn.toast(Txt.of(open ? "checkin.replies_opened" : "checkin.replies_closed")),
                rosters.redraw(turn.chatId(), button.messageId(), call.get(), groupLocale(turn)));
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
