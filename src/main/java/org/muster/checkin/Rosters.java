package org.muster.checkin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Paging;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * The rosters posted in a team's group for checking in (or out): one button per member of the
 * shift, showing who is there. Members appear by the name Telegram shows, never their real name,
 * and without phone numbers.
 *
 * <p>Every posted roster is a prompt, so any change of attendance, by any path (a button, a reply, a
 * mention, a location, the sweep), marks them all behind and {@link RosterRefresher} redraws them.
 * A button says what pressing it does (check in, undo, check out, reopen); its data names that
 * action, so a press on a roster that shows an older state never does the opposite of its label.
 * A long roster pages its buttons.
 */
@Component
class Rosters {

    static final String PROMPT = "roster";
    static final String PROMPT_OUT = "roster_out";
    static final Set<String> KINDS = Set.of(PROMPT, PROMPT_OUT);
    /** Member buttons on one page: with the paging and switch rows far below Telegram's 100 buttons. */
    static final int PAGE_SIZE = 40;

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

    /** A check-in roster is a prompt members may answer 到 to when {@code open}; both kinds are redrawn when attendance changes. */
    Outbound post(long chatId, Call call, boolean checkingOut, boolean open, Locale locale) {
        boolean replies = open && !checkingOut;
        Outbound.Send send = new Outbound.Send(chatId, text(call, checkingOut, replies), keyboard(call, checkingOut, replies, 0, null),
                null, locale);
        return new Outbound.Prompt(send, checkingOut ? PROMPT_OUT : PROMPT, call.id(), replies);
    }

    /** The posted roster as it is now; it is marked shown at the version read before drawing it. */
    Outbound.Edit redraw(long chatId, int messageId, Call call, Locale locale) {
        return redraw(chatId, messageId, call, locale, null);
    }

    /** The same, with {@code confirming}'s button asking to confirm an undo that clears recorded time. */
    Outbound.Edit redraw(long chatId, int messageId, Call call, Locale locale, Long confirming) {
        long version = prompts.version(chatId, messageId);
        Optional<GroupPrompts.Prompt> prompt = prompts.find(chatId, messageId);
        boolean checkingOut = prompt.map(p -> p.kind().equals(PROMPT_OUT)).orElse(false);
        boolean open = prompt.map(GroupPrompts.Prompt::open).orElse(false) && !checkingOut;
        int page = prompt.map(GroupPrompts.Prompt::page).orElse(0);
        Outbound.Edit edit = new Outbound.Edit(chatId, messageId, text(call, checkingOut, open),
                keyboard(call, checkingOut, open, page, confirming), locale);
        prompts.shown(chatId, messageId, version);
        return edit;
    }

    /** Attendance of the call changed: every roster of it is behind. */
    void changed(long activityId) {
        prompts.changed(KINDS, activityId);
    }

    private Txt text(Call call, boolean checkingOut, boolean open) {
        List<AttendanceRecord> records = attendance.ofActivity(call.id());
        long in = records.stream().filter(r -> r.checkedInAt() != null).count();
        long out = records.stream().filter(AttendanceRecord::out).count();
        return Txt.of(checkingOut ? "roster.out" : "roster.in", Txt.literal(call.title()), calls.when(call), Txt.literal(call.siteName()),
                in, members(call).size(), out, Txt.of(open ? "roster.replies_open" : "roster.replies_closed"));
    }

    private Markup.Inline keyboard(Call call, boolean checkingOut, boolean open, int requestedPage, Long confirming) {
        Map<Long, AttendanceRecord> records = attendance.ofActivity(call.id()).stream()
                .collect(Collectors.toMap(AttendanceRecord::volunteerId, Function.identity()));
        Paging<Volunteer> members = Paging.of(members(call), PAGE_SIZE, requestedPage);
        List<List<Markup.Button>> rows = new ArrayList<>();
        List<Markup.Button> row = new ArrayList<>();
        for (Volunteer member : members.items()) {
            AttendanceRecord record = records.get(member.id());
            if (confirming != null && confirming == member.id()) {
                if (!row.isEmpty()) {
                    rows.add(row);
                    row = new ArrayList<>();
                }
                rows.add(confirmRow(call, member, record, checkingOut));
                continue;
            }
            row.add(button(call, member, record, checkingOut));
            if (row.size() == 2) {
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        rows.addAll(members.navigation("att:page:" + call.id() + ":"));
        if (!checkingOut) {
            rows.add(List.of(Markup.Button.callback(Txt.of(open ? "roster.close_replies" : "roster.open_replies"), "att:self:" + call.id())));
        }
        return new Markup.Inline(rows);
    }

    /** The label says the state, the data says what a press does. */
    private static Markup.Button button(Call call, Volunteer member, AttendanceRecord record, boolean checkingOut) {
        boolean in = record != null && record.checkedInAt() != null;
        boolean out = record != null && record.out();
        Txt name = Txt.literal(member.groupName());
        String target = ":" + call.id() + ":" + member.id();
        if (checkingOut) {
            if (!in) {
                return Markup.Button.callback(Txt.of("roster.mark_absent", name), "att:out" + target);
            }
            return out ? Markup.Button.callback(Txt.of("roster.mark_done", name), "att:reopen" + target)
                    : Markup.Button.callback(Txt.of("roster.mark_open", name), "att:out" + target);
        }
        if (!in) {
            return Markup.Button.callback(Txt.of("roster.mark_open", name), "att:in" + target);
        }
        return Markup.Button.callback(Txt.of(out ? "roster.mark_left" : "roster.mark_done", name), "att:undo" + target);
    }

    private static List<Markup.Button> confirmRow(Call call, Volunteer member, AttendanceRecord record, boolean checkingOut) {
        int minutes = record == null || record.minutes() == null ? 0 : record.minutes();
        Txt name = Txt.literal(member.groupName());
        String target = ":" + call.id() + ":" + member.id();
        return List.of(
                Markup.Button.callback(Txt.of(checkingOut ? "roster.confirm_reopen" : "roster.confirm_undo", name, minutes),
                        (checkingOut ? "att:reopen!" : "att:undo!") + target),
                Markup.Button.callback(Txt.of("roster.keep", name), "att:keep:" + call.id()));
    }
}
