package org.muster.recruitment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.app.AppUser;
import org.muster.audit.AuditLog;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A coordinator acts on a call from the console: close it, cancel it, give it a new time (written as
 * in chat: {@code 明天 8:00-12:00}) or post it again to its groups now. The same rules and notices as
 * {@code /calls}: {@link CallChanges} does the work (everyone enrolled is told of a cancellation or a
 * new time, every copy of the call's message is redrawn), audited with the coordinator's id. Anyone
 * else is refused and nothing is written.
 */
@RestController
class CallActionsApi {

    record NewTime(String when) {
    }

    private final CallRepository calls;
    private final CallChanges changes;
    private final CallRepush repush;
    private final TimeWindowParser times;
    private final TransactionTemplate transactions;
    private final Texts texts;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    CallActionsApi(CallRepository calls, CallChanges changes, CallRepush repush, MessageSource messages, TransactionTemplate transactions,
                   Texts texts, AuditLog audit, Clock clock, OrganisationProperties organisation) {
        this.calls = calls;
        this.changes = changes;
        this.repush = repush;
        this.times = RecruitWords.parser(RecruitWords.from(messages));
        this.transactions = transactions;
        this.texts = texts;
        this.audit = audit;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    @PostMapping("/app/api/calls/{callId}/{action:close|cancel|repush}")
    ResponseEntity<Map<String, Object>> act(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable long callId,
                                            @PathVariable String action) {
        return withCall(user, callId, action, call -> switch (action) {
            case "close" -> {
                if (!call.isOpen()) {
                    yield answer(HttpStatus.CONFLICT, "not_open", Txt.of("calls.not_open"), user);
                }
                transactions.executeWithoutResult(status -> changes.close(user.id(), null, call));
                yield answer(HttpStatus.OK, "closed", Txt.of("calls.closed", Txt.literal(call.title())), user);
            }
            case "cancel" -> {
                if (call.isCancelled()) {
                    yield answer(HttpStatus.CONFLICT, "not_open", Txt.of("calls.not_open"), user);
                }
                Integer told = transactions.execute(status -> changes.cancel(user.id(), null, user.locale(), call));
                yield answer(HttpStatus.OK, "cancelled", Txt.of("calls.cancelled", Txt.literal(call.title()), told), user);
            }
            default -> {
                if (!call.isOpen()) {
                    yield answer(HttpStatus.CONFLICT, "not_open", Txt.of("calls.not_open"), user);
                }
                var posted = transactions.execute(status -> repush.pushNow(call, user.id()));
                audit.record(user.id(), "call.repushed", null, Map.of("call", call.id(), "posted", posted != null && posted.isPresent()));
                yield posted != null && posted.isPresent()
                        ? answer(HttpStatus.OK, "repushed", Txt.of("app.calls.repushed", posted.get().total()), user)
                        : answer(HttpStatus.CONFLICT, "not_posted", Txt.of("app.calls.not_repushed"), user);
            }
        });
    }

    @PostMapping("/app/api/calls/{callId}/retime")
    ResponseEntity<Map<String, Object>> retime(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable long callId,
                                               @RequestBody(required = false) NewTime time) {
        return withCall(user, callId, "retime", call -> {
            if (!call.isOpen()) {
                return answer(HttpStatus.CONFLICT, "not_open", Txt.of("calls.not_open"), user);
            }
            String when = time == null || time.when() == null ? "" : time.when().strip();
            TimeWindowParser.Result window = times.parse(when, clock.instant(), zone);
            if (!window.ok()) {
                LocalDate tomorrow = clock.instant().atZone(zone).toLocalDate().plusDays(1);
                return answer(HttpStatus.BAD_REQUEST, "bad_time", Txt.of("recruit.time_" + window.problem().name().toLowerCase(Locale.ROOT),
                        Txt.literal(tomorrow.toString()), Txt.literal(String.format(Locale.ROOT, "%02d-%02d", tomorrow.getMonthValue(),
                                tomorrow.getDayOfMonth()))), user);
            }
            Integer told = transactions.execute(status -> changes.retime(user.id(), null, user.locale(), call.id(),
                    window.start().toInstant(), window.end().toInstant()));
            return answer(HttpStatus.OK, "retimed", Txt.of("calls.retimed", told), user);
        });
    }

    private ResponseEntity<Map<String, Object>> withCall(AppUser user, long callId, String action,
                                                         java.util.function.Function<Call, ResponseEntity<Map<String, Object>>> then) {
        if (!user.has(Role.COORDINATOR)) {
            audit.record(user.id(), "app.refused", null, Map.of("action", "call." + action, "call", callId));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "coordinators_only"));
        }
        Optional<Call> call = calls.byId(callId);
        if (call.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such call"));
        }
        return then.apply(call.get());
    }

    private ResponseEntity<Map<String, Object>> answer(HttpStatus status, String outcome, Txt message, AppUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", status == HttpStatus.OK);
        body.put("outcome", outcome);
        body.put("message", texts.plain(message, user.locale()));
        return ResponseEntity.status(status).body(body);
    }
}
