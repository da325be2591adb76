package org.muster.hours;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.muster.app.AppUser;
import org.muster.audit.AuditLog;
import org.muster.conversation.ChatSender;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
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
 * Pending hours in the console: a leader sees those of their teams (a coordinator all) and approves
 * or rejects them with a reason, through {@link Reviews} as the review card's buttons do (the same
 * rules, audit lines and notices: the volunteer is told, other reviewers' cards are redrawn).
 */
@RestController
class HoursReviewApi {

    record Rejection(String reason) {
    }

    /** As many as a phone screen lists sensibly; the oldest first. */
    private static final int SHOWN = 100;
    private static final int MAX_REASON = 200;

    private final Reviews reviews;
    private final HoursRepository repository;
    private final Volunteers volunteers;
    private final ChatSender sender;
    private final Texts texts;
    private final AuditLog audit;

    HoursReviewApi(Reviews reviews, HoursRepository repository, Volunteers volunteers, ChatSender sender, Texts texts, AuditLog audit) {
        this.reviews = reviews;
        this.repository = repository;
        this.volunteers = volunteers;
        this.sender = sender;
        this.texts = texts;
        this.audit = audit;
    }

    private static boolean reviewer(AppUser user) {
        return user.has(Role.COORDINATOR) || user.has(Role.LEADER);
    }

    private ResponseEntity<Map<String, Object>> refused(AppUser user, String what) {
        audit.record(user.id(), "app.refused", null, Map.of("view", what));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "leaders_only"));
    }

    @GetMapping("/app/api/hours/pending")
    ResponseEntity<Map<String, Object>> pending(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user) {
        if (!reviewer(user)) {
            return refused(user, "hours");
        }
        List<HoursRecord> records = repository.pending(reviews.reviewedTeams(user.id(), user.roles()), SHOWN);
        Map<Long, Volunteer> who = volunteers.byIds(records.stream().map(HoursRecord::volunteerId).distinct().toList()).stream()
                .collect(Collectors.toMap(Volunteer::id, Function.identity()));
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        for (HoursRecord record : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", record.id());
            row.put("volunteer", who.containsKey(record.volunteerId()) ? who.get(record.volunteerId()).groupName() : null);
            row.put("activity", record.activityTitle() != null ? record.activityTitle() : record.description());
            row.put("date", record.date().toString());
            row.put("minutes", record.minutes());
            row.put("note", record.note());
            row.put("own", who.containsKey(record.volunteerId()) && who.get(record.volunteerId()).userId() == user.id());
            rows.add(row);
        }
        return ResponseEntity.ok(Map.of("pending", rows));
    }

    @PostMapping("/app/api/hours/{recordId}/approve")
    ResponseEntity<Map<String, Object>> approve(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable long recordId) {
        if (!reviewer(user)) {
            return refused(user, "hours.approve");
        }
        return answer(user, reviews.approve(recordId, user.id(), user.roles(), false, null));
    }

    @PostMapping("/app/api/hours/{recordId}/reject")
    ResponseEntity<Map<String, Object>> reject(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable long recordId,
                                               @RequestBody(required = false) Rejection rejection) {
        if (!reviewer(user)) {
            return refused(user, "hours.reject");
        }
        String reason = rejection == null || rejection.reason() == null ? "" : rejection.reason().strip();
        if (reason.isEmpty() || reason.codePointCount(0, reason.length()) > MAX_REASON) {
            return ResponseEntity.badRequest().body(Map.of("error", "a reason of 1 to " + MAX_REASON + " characters is needed"));
        }
        return answer(user, reviews.reject(recordId, user.id(), user.roles(), reason, null));
    }

    private ResponseEntity<Map<String, Object>> answer(AppUser user, Reviews.Decision decision) {
        // after the commit: the volunteer's notice and the reviewers' cards go through the outbound queues
        decision.notices().forEach(sender::send);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", decision.outcome().name().toLowerCase(Locale.ROOT));
        answer.put("ok", decision.outcome() == Reviews.Outcome.APPROVED || decision.outcome() == Reviews.Outcome.REJECTED);
        answer.put("message", texts.plain(ReviewButtons.answer(decision), user.locale()));
        HttpStatus status = switch (decision.outcome()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED, OWN_RECORD -> HttpStatus.FORBIDDEN;
            case ALREADY_DECIDED -> HttpStatus.CONFLICT;
            default -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(answer);
    }
}
