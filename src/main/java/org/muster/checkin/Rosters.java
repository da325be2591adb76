package org.muster.checkin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * The roster posted in a team's group for checking in (or out): one button per member of the
 * shift, showing who is there. Members appear by the name Telegram shows, never their real name,
 * and without phone numbers.
 */
@Component
class Rosters {

    private final Calls calls;
    private final Volunteers volunteers;
    private final AttendanceRepository attendance;
    private final GroupPrompts prompts;

    Rosters(Calls calls, Volunteers volunteers, AttendanceRepository attendance, GroupPrompts prompts) {
        this.prompts = prompts;
        this.calls = calls;
        this.volunteers = volunteers;
        this.attendance = attendance;
    }

    /** Everyone who should be there: those with a place, and those marked no-show (a leader may correct that). */
    List<Volunteer> members(Call call) {
        List<Long> ids = new ArrayList<>(calls.rosterVolunteers(call.id()));
        attendance.ofActivity(call.id()).stream().map(AttendanceRecord::volunteerId).filter(id -> !ids.contains(id)).forEach(ids::add);
        Map<Long, Volunteer> byId = volunteers.byIds(ids).stream().collect(Collectors.toMap(Volunteer::id, Function.identity()));
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    static final String PROMPT = "roster";

    /**
     * A check-in roster is a prompt members may answer 到 to when {@code open}; a check-out roster
     * is a plain message.
     */
    Outbound post(long chatId, Call call, boolean checkingOut, boolean open, Locale locale) {
        Outbound.Send send = new Outbound.Send(chatId, text(call, checkingOut, open), keyboard(call, checkingOut, open), null, locale);
        return checkingOut ? send : new Outbound.Prompt(send, PROMPT, call.id(), open);
    }

    Outbound.Edit redraw(long chatId, int messageId, Call call, boolean checkingOut, Locale locale) {
        boolean open = !checkingOut && prompts.find(chatId, messageId).map(GroupPrompts.Prompt::open).orElse(false);
        return new Outbound.Edit(chatId, messageId, text(call, checkingOut, open), keyboard(call, checkingOut, open), locale);
    }

    private Txt text(Call call, boolean checkingOut, boolean open) {
        List<AttendanceRecord> records = attendance.ofActivity(call.id());
        long in = records.stream().filter(r -> r.checkedInAt() != null).count();
        long out = records.stream().filter(AttendanceRecord::out).count();
        return Txt.of(checkingOut ? "roster.out" : "roster.in", Txt.literal(call.title()), calls.when(call), Txt.literal(call.siteName()),
                in, members(call).size(), out, Txt.of(open ? "roster.replies_open" : "roster.replies_closed"));
    }

    private Markup.Inline keyboard(Call call, boolean checkingOut, boolean open) {
        Map<Long, AttendanceRecord> records = attendance.ofActivity(call.id()).stream()
                .collect(Collectors.toMap(AttendanceRecord::volunteerId, Function.identity()));
        List<List<Markup.Button>> rows = new ArrayList<>();
        List<Markup.Button> row = new ArrayList<>();
        for (Volunteer member : members(call)) {
            AttendanceRecord record = records.get(member.id());
            boolean done = checkingOut ? record != null && record.out() : record != null && record.checkedInAt() != null;
            row.add(Markup.Button.callback(Txt.of(done ? "roster.mark_done" : "roster.mark_open", Txt.literal(member.groupName())),
                    "att:" + (checkingOut ? "out" : "in") + ":" + call.id() + ":" + member.id()));
            if (row.size() == 2) {
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        if (!checkingOut) {
            rows.add(List.of(Markup.Button.callback(Txt.of(open ? "roster.close_replies" : "roster.open_replies"), "att:self:" + call.id())));
        }
        return new Markup.Inline(rows);
    }
}
