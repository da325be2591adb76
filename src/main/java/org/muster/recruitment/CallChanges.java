package org.muster.recruitment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.broadcast.Broadcasts;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Closing, cancelling and re-timing a call. Every copy of its message shows the change (through
 * the counter refresher); for a cancellation or a new time, everyone enrolled is told privately,
 * through the outbox so nobody is missed.
 */
@Component
class CallChanges implements EffectHandler<RetimeCall> {

    private final CallRepository calls;
    private final EnrollmentRepository enrollments;
    private final Volunteers volunteers;
    private final Broadcasts broadcasts;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    CallChanges(CallRepository calls, EnrollmentRepository enrollments, Volunteers volunteers, Broadcasts broadcasts,
                ApplicationEventPublisher events, AuditLog audit) {
        this.calls = calls;
        this.enrollments = enrollments;
        this.volunteers = volunteers;
        this.broadcasts = broadcasts;
        this.events = events;
        this.audit = audit;
    }

    void close(Turn turn, Call call) {
        close(turn.userId(), turn.chatId(), call);
    }

    /** By {@code by}, from a chat ({@code chatId}) or the console (null). */
    void close(long by, Long chatId, Call call) {
        calls.status(call.id(), "closed");
        audit.record(by, "call.closed", chatId, Map.of("call", call.id()));
        events.publishEvent(new CallChanged(call.id(), "closed"));
    }

    int cancel(Turn turn, Call call) {
        return cancel(turn.userId(), turn.chatId(), turn.locale(), call);
    }

    int cancel(long by, Long chatId, java.util.Locale locale, Call call) {
        calls.status(call.id(), "cancelled");
        int told = tellEnrolled(by, locale, call.id(), "cancelled");
        audit.record(by, "call.cancelled", chatId, Map.of("call", call.id(), "told", told));
        events.publishEvent(new CallChanged(call.id(), "cancelled"));
        return told;
    }

    /** A new time for an open call; everyone enrolled is told. */
    int retime(long by, Long chatId, java.util.Locale locale, long activityId, java.time.Instant startsAt, java.time.Instant endsAt) {
        calls.retime(activityId, startsAt, endsAt);
        int told = tellEnrolled(by, locale, activityId, "retimed");
        audit.record(by, "call.retimed", chatId, Map.of("call", activityId, "told", told));
        events.publishEvent(new CallChanged(activityId, "retimed"));
        return told;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public Class<RetimeCall> type() {
        return RetimeCall.class;
    }

    @Override
    public List<Outbound> apply(RetimeCall effect, Turn turn) {
        if (calls.byId(effect.activityId()).filter(Call::isOpen).isEmpty()) {
            return List.of(turn.reply(Txt.of("calls.not_open")));
        }
        int told = retime(turn.userId(), turn.chatId(), turn.locale(), effect.activityId(), effect.startsAt(), effect.endsAt());
        return List.of(turn.reply(Txt.of("calls.retimed", told)));
    }

    private int tellEnrolled(long by, java.util.Locale locale, long activityId, String what) {
        List<Long> users = volunteers.byIds(enrollments.activeVolunteers(activityId)).stream().map(Volunteer::userId).toList();
        if (!users.isEmpty()) {
            broadcasts.publishTo(CallContent.UPDATE, activityId, what, users, true, by, locale);
        }
        return users.size();
    }
}
