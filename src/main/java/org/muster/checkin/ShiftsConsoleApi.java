package org.muster.checkin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.muster.app.AppUser;
import org.muster.audit.AuditLog;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.Team;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leader's view of the console: today's shifts of the teams they lead (a coordinator: of every
 * team) with each shift's roster, and check-in/out toggles that go through {@link Attendance} as the
 * chat roster's buttons do, with the same rules; the group's roster message is redrawn by
 * {@link RosterRefresher} like after any change. The leadership is checked on every call.
 */
@RestController
class ShiftsConsoleApi {

    record Toggle(Long volunteer, String action) {
    }

    private final Calls calls;
    private final Teams teams;
    private final Volunteers volunteers;
    private final Attendance attendance;
    private final AttendanceRepository records;
    private final Rosters rosters;
    private final Texts texts;
    private final AuditLog audit;
    private final Clock clock;
    private final OrganisationProperties organisation;

    ShiftsConsoleApi(Calls calls, Teams teams, Volunteers volunteers, Attendance attendance, AttendanceRepository records, Rosters rosters,
                     Texts texts, AuditLog audit, Clock clock, OrganisationProperties organisation) {
        this.calls = calls;
        this.teams = teams;
        this.volunteers = volunteers;
        this.attendance = attendance;
        this.records = records;
        this.rosters = rosters;
        this.texts = texts;
        this.audit = audit;
        this.clock = clock;
        this.organisation = organisation;
    }

    private List<Team> teamsOf(AppUser user) {
        if (user.has(Role.COORDINATOR)) {
            return teams.all();
        }
        return volunteers.byUser(user.id()).map(v -> teams.ledBy(v.id())).orElse(List.of());
    }

    private boolean mayManage(AppUser user, Call call) {
        return user.has(Role.COORDINATOR) || (call.teamId() != null && teams.leads(user.id(), call.teamId()));
    }

    @GetMapping("/app/api/shifts")
    ResponseEntity<Map<String, Object>> shifts(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user) {
        if (!user.has(Role.COORDINATOR) && !user.has(Role.LEADER)) {
            audit.record(user.id(), "app.refused", null, Map.of("view", "shifts"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "leaders_only"));
        }
        List<Map<String, Object>> shifts = new ArrayList<>();
        for (Team team : teamsOf(user)) {
            for (Call call : calls.ofTeamToday(team.id(), clock.instant(), organisation.timeZone())) {
                shifts.add(shift(call, team, user));
            }
        }
        audit.record(user.id(), "app.viewed", null, Map.of("view", "shifts", "shifts", shifts.size()));
        return ResponseEntity.ok(Map.of("shifts", shifts));
    }

    private Map<String, Object> shift(Call call, Team team, AppUser user) {
        Map<Long, AttendanceRecord> byVolunteer = records.ofActivity(call.id()).stream()
                .collect(Collectors.toMap(AttendanceRecord::volunteerId, Function.identity(), (a, b) -> a));
        List<Map<String, Object>> roster = new ArrayList<>();
        for (Volunteer member : rosters.members(call)) {
            AttendanceRecord record = byVolunteer.get(member.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("volunteer", member.id());
            row.put("name", member.groupName());
            row.put("state", record == null || record.checkedInAt() == null ? "none" : record.out() ? "out" : "in");
            row.put("minutes", record == null ? null : record.minutes());
            roster.add(row);
        }
        Map<String, Object> shift = new LinkedHashMap<>();
        shift.put("id", call.id());
        shift.put("title", call.title());
        shift.put("team", team.name());
        shift.put("site", call.siteName());
        shift.put("when", texts.plain(calls.when(call), user.locale()));
        shift.put("roster", roster);
        return shift;
    }

    /** {@code {"volunteer": id, "action": "in" | "out" | "undo"}}: answers the shift as it is now, and what happened. */
    @PostMapping("/app/api/shifts/{callId}/attendance")
    ResponseEntity<Map<String, Object>> toggle(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable long callId,
                                               @RequestBody Toggle toggle) {
        if (toggle == null || toggle.volunteer() == null || toggle.action() == null || !List.of("in", "out", "undo").contains(toggle.action())) {
            return ResponseEntity.badRequest().body(Map.of("error", "volunteer and action (in, out or undo) are needed"));
        }
        Optional<Call> call = calls.call(callId);
        Optional<Volunteer> volunteer = volunteers.byId(toggle.volunteer());
        if (call.isEmpty() || volunteer.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such shift or volunteer"));
        }
        if (!mayManage(user, call.get())) {
            audit.record(user.id(), "app.refused", null, Map.of("action", "attendance", "call", callId));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "leaders_only"));
        }
        Attendance.Result result = switch (toggle.action()) {
            case "in" -> attendance.checkIn(call.get(), volunteer.get(), user.id(), "app", null);
            case "out" -> attendance.checkOut(call.get(), volunteer.get(), user.id(), "app", null);
            default -> attendance.undoCheckIn(call.get(), volunteer.get(), user.id(), null);
        };
        Txt name = Txt.literal(volunteer.get().groupName());
        Txt said = switch (result.outcome()) {
            case CHECKED_IN -> Txt.of("checkin.toast_in", name);
            case ALREADY_IN -> Txt.of("checkin.toast_already_in", name);
            case UNDONE -> Txt.of("checkin.toast_undone", name);
            case CHECKED_OUT -> Txt.of("checkin.toast_out", name, result.minutes());
            case ALREADY_OUT -> Txt.of("checkin.toast_already_out", name);
            case NOT_IN -> Txt.of("checkin.toast_not_in", name);
            case HOURS_REVIEWED -> Txt.of("checkin.toast_hours_reviewed", name);
            case OUTSIDE_WINDOW -> Txt.of("checkin.toast_not_today");
            default -> Txt.of("checkin.not_on_shift");
        };
        Team team = call.get().teamId() == null ? null : teams.team(call.get().teamId()).orElse(null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", result.ok());
        answer.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        answer.put("message", texts.plain(said, user.locale()));
        answer.put("shift", shift(call.get(), team == null ? new Team(0, "", null, null) : team, user));
        return ResponseEntity.ok(answer);
    }
}
