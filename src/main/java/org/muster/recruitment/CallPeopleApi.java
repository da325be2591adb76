package org.muster.recruitment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.app.AppUser;
import org.muster.audit.AuditLog;
import org.muster.conversation.Role;
import org.muster.team.Teams;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * A call's people in the console ({@code GET /app/api/calls/{id}/people}): enrolled, waitlisted,
 * checked in and no-shows, with names and phones, for coordinators and the leaders of the call's
 * team only, as {@code /people} in chat; every view is in the audit log. A volunteer who asked to be
 * forgotten appears by their volunteer number only.
 */
@RestController
class CallPeopleApi {

    private final CallRepository calls;
    private final PeopleRepository people;
    private final Teams teams;
    private final AuditLog audit;

    CallPeopleApi(CallRepository calls, PeopleRepository people, Teams teams, AuditLog audit) {
        this.calls = calls;
        this.people = people;
        this.teams = teams;
        this.audit = audit;
    }

    @GetMapping("/app/api/calls/{callId}/people")
    ResponseEntity<Map<String, Object>> people(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable long callId) {
        Optional<Call> call = calls.byId(callId);
        if (call.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such call"));
        }
        boolean allowed = user.has(Role.COORDINATOR) || (call.get().teamId() != null && teams.leads(user.id(), call.get().teamId()));
        if (!allowed) {
            audit.record(user.id(), "app.refused", null, Map.of("view", "people", "call", callId));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "coordinators_and_the_calls_leaders_only"));
        }
        List<PeopleList.Person> all = PeopleList.ordered(people.of(callId));
        List<Map<String, Object>> rows = new ArrayList<>(all.size());
        for (PeopleList.Person person : all) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("volunteer", person.volunteer());
            row.put("name", person.name());
            row.put("phone", person.phone());
            row.put("standing", person.standing().name().toLowerCase(Locale.ROOT));
            rows.add(row);
        }
        audit.record(user.id(), "people.viewed", null, Map.of("call", callId, "people", all.size(), "in", "console"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("call", callId);
        answer.put("title", call.get().title());
        answer.put("people", rows);
        return ResponseEntity.ok(answer);
    }
}
