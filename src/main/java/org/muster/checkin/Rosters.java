package org.muster.checkin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    Rosters(Calls calls, Volunteers volunteers, AttendanceRepository attendance) {
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

    Outbound.Send post(long chatId, Call call, boolean checkingOut, Locale locale) {
        return new Outbound.Send(chatId, text(call, checkingOut), keyboard(call, checkingOut), null, locale);
    }

    Outbound.Edit redraw(long chatId, int messageId, Call call, boolean checkingOut, Locale locale) {
        return new Outbound.Edit(chatId, messageId, text(call, checkingOut), keyboard(call, checkingOut), locale);
    }

    private Txt text(Call call, boolean checkingOut) {
        List<AttendanceRecord> records = attendance.ofActivity(call.id());
        long in = records.stream().filter(r -> r.checkedInAt() != null).count();
        long out = records.stream().filter(AttendanceRecord::out).count();
        return Txt.of(checkingOut ? "roster.out" : "roster.in", Txt.literal(call.title()), calls.when(call), Txt.literal(call.siteName()),
                in, members(call).size(), out);
    }

    private Markup.Inline keyboard(Call call, boolean checkingOut) {
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
        return new Markup.Inline(rows);
    }
}
