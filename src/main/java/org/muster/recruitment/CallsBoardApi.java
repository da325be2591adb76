package org.muster.recruitment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.muster.app.AppUser;
import org.muster.audit.AuditLog;
import org.muster.broadcast.BroadcastStatus;
import org.muster.broadcast.Broadcasts;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
import org.muster.team.Team;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's calls board ({@code GET /app/api/board}): every current call with how it fills and
 * how its recruitment message went out. Coordinators see all; a leader the calls of the teams they
 * lead; anyone else is refused (403, audited). The page asks again every
 * {@code muster.app.refresh}, so a tap in a group shows within about a second.
 */
@RestController
class CallsBoardApi {

    /** More than a district runs at once; the board shows the soonest. */
    private static final int SHOWN = 200;

    private final CallRepository calls;
    private final CallMessages messages;
    private final Broadcasts broadcasts;
    private final Teams teams;
    private final Volunteers volunteers;
    private final Texts texts;
    private final AuditLog audit;
    private final Clock clock;

    CallsBoardApi(CallRepository calls, CallMessages messages, Broadcasts broadcasts, Teams teams, Volunteers volunteers, Texts texts,
                  AuditLog audit, Clock clock) {
        this.calls = calls;
        this.messages = messages;
        this.broadcasts = broadcasts;
        this.teams = teams;
        this.volunteers = volunteers;
        this.texts = texts;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/app/api/board")
    ResponseEntity<Map<String, Object>> board(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user) {
        List<Call> shown;
        if (user.has(Role.COORDINATOR)) {
            shown = calls.current(clock.instant(), SHOWN);
        } else if (user.has(Role.LEADER)) {
            Set<Long> led = volunteers.byUser(user.id()).map(v -> teams.ledBy(v.id())).orElse(List.of()).stream().map(Team::id)
                    .collect(Collectors.toSet());
            shown = calls.current(clock.instant(), SHOWN).stream().filter(c -> c.teamId() != null && led.contains(c.teamId())).toList();
        } else {
            audit.record(user.id(), "app.refused", null, Map.of("view", "board"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "coordinators_and_leaders_only"));
        }
        List<Long> ids = shown.stream().map(Call::id).toList();
        Map<Long, Counts> counts = calls.countsOf(ids);
        Map<Long, BroadcastStatus> broadcast = broadcasts.statusesOf(ids, CallContent.CALL);
        List<Map<String, Object>> rows = new ArrayList<>(shown.size());
        for (Call call : shown) {
            Counts count = counts.getOrDefault(call.id(), new Counts(0, 0, 0));
            BroadcastStatus sent = broadcast.get(call.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", call.id());
            row.put("title", call.title());
            row.put("site", call.siteName());
            row.put("area", call.areaCode());
            row.put("latitude", call.latitude());
            row.put("longitude", call.longitude());
            row.put("startsAt", call.startsAt().toString());
            row.put("endsAt", call.endsAt().toString());
            row.put("when", texts.plain(messages.when(call), user.locale()));
            row.put("status", call.status());
            row.put("slots", call.slots());
            row.put("confirmed", count.confirmed());
            row.put("offered", count.offered());
            row.put("waitlisted", count.waitlisted());
            row.put("broadcast", Map.of("total", sent.total(), "sent", sent.sent(), "failed", sent.failed()));
            rows.add(row);
        }
        Map<String, Object> board = new LinkedHashMap<>();
        board.put("now", clock.instant().toString());
        board.put("calls", rows);
        return ResponseEntity.ok(board);
    }
}
