package org.muster.recruitment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enrolling, leaving, and the waitlist. Every change takes the call's row lock in PostgreSQL, so
 * capacity is exact however many tap at once and across instances; the place freed by someone
 * leaving is offered to the first in line, who has {@code offer-time} to accept.
 */
@Component
public class Enrolments {

    private static final Logger log = LoggerFactory.getLogger(Enrolments.class);

    public enum Outcome {
        CONFIRMED, WAITLISTED, ALREADY_CONFIRMED, ALREADY_WAITLISTED, ALREADY_OFFERED,
        CLOSED, CANCELLED, STARTED, NOT_SIGNED_UP, MISSING_SKILLS, OVERLAP, UNKNOWN_CALL,
        LEFT, NOT_ENROLLED, ACCEPTED, DECLINED, OFFER_EXPIRED
    }

    /** What happened; {@code waitlistPlace} counts from 1. */
    public record Result(Outcome outcome, Call call, Enrollment enrollment, int waitlistPlace, List<String> missingSkills) {
        static Result of(Outcome outcome, Call call) {
            return new Result(outcome, call, null, 0, List.of());
        }
    }

    private final CallRepository calls;
    private final EnrollmentRepository enrollments;
    private final Volunteers volunteers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RecruitmentProperties properties;
    private final ChatSender sender;
    private final Languages languages;
    private final CallMessages messages;
    private final ApplicationEventPublisher events;

    Enrolments(CallRepository calls, EnrollmentRepository enrollments, Volunteers volunteers, TransactionTemplate transactions,
               Clock clock, RecruitmentProperties properties, ChatSender sender, Languages languages, CallMessages messages,
               ApplicationEventPublisher events) {
        this.calls = calls;
        this.enrollments = enrollments;
        this.volunteers = volunteers;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.sender = sender;
        this.languages = languages;
        this.messages = messages;
        this.events = events;
    }

    /** Enrols the Telegram user on the call: a place if one is free, else the waitlist (in the order enrolments are made). */
    public Result enrol(long userId, long activityId) {
        return enrol(userId, activityId, 0);
    }

    /**
     * The same, for a tap or reply that arrived as update {@code arrival}: the waitlist keeps the order
     * the updates arrived in, even when one was handled later (its server out of reach for a while).
     */
    public Result enrol(long userId, long activityId, long arrival) {
        Optional<Volunteer> volunteer = volunteers.byUser(userId);
        if (volunteer.isEmpty()) {
            // signing up first is worth it only for a call that can still be joined
            Optional<Call> call = calls.byId(activityId);
            return Result.of(call.flatMap(this::closedFor).orElse(call.isEmpty() ? Outcome.UNKNOWN_CALL : Outcome.NOT_SIGNED_UP),
                    call.orElse(null));
        }
        Result result = transactions.execute(status -> {
            Optional<Call> locked = calls.lock(activityId);
            if (locked.isEmpty()) {
                return Result.of(Outcome.UNKNOWN_CALL, null);
            }
            Call call = locked.get();
            if (call.isCancelled()) {
                return Result.of(Outcome.CANCELLED, call);
            }
            if (!call.isOpen()) {
                return Result.of(Outcome.CLOSED, call);
            }
            if (!call.startsAt().isAfter(clock.instant())) {
                return Result.of(Outcome.STARTED, call);
            }
            Optional<Enrollment> existing = enrollments.of(activityId, volunteer.get().id()).filter(Enrollment::active);
            if (existing.isPresent()) {
                Enrollment e = existing.get();
                Outcome already = switch (e.status()) {
                    case "confirmed" -> Outcome.ALREADY_CONFIRMED;
                    case "offered" -> Outcome.ALREADY_OFFERED;
                    default -> Outcome.ALREADY_WAITLISTED;
                };
                return new Result(already, call, e, e.status().equals("waitlisted") ? enrollments.waitlistPlace(e) : 0, List.of());
            }
            List<String> missing = call.skills().stream().filter(s -> !volunteer.get().skills().contains(s)).toList();
            if (!missing.isEmpty()) {
                return new Result(Outcome.MISSING_SKILLS, call, null, 0, missing);
            }
            if (enrollments.overlapping(volunteer.get().id(), activityId, call.startsAt(), call.endsAt()).isPresent()) {
                return Result.of(Outcome.OVERLAP, call);
            }
            boolean place = calls.counts(activityId).taken() < call.slots();
            Enrollment enrollment = enrollments.enrol(activityId, volunteer.get().id(), place ? "confirmed" : "waitlisted", clock.instant(),
                    arrival);
            calls.changed(activityId);
            // in the transaction: the follow-up (reminders) is kept with the enrolment, and runs once it committed
            events.publishEvent(new CallChanged(activityId, "enrolment", volunteer.get().id()));
            return new Result(place ? Outcome.CONFIRMED : Outcome.WAITLISTED, call, enrollment,
                    place ? 0 : enrollments.waitlistPlace(enrollment), List.of());
        });
        return result;
    }

    /** Why nobody can join the call now, if that is so: cancelled, closed, or already begun. */
    Optional<Outcome> closedFor(Call call) {
        if (call.isCancelled()) {
            return Optional.of(Outcome.CANCELLED);
        }
        if (!call.isOpen()) {
            return Optional.of(Outcome.CLOSED);
        }
        if (!call.startsAt().isAfter(clock.instant())) {
            return Optional.of(Outcome.STARTED);
        }
        return Optional.empty();
    }

    /** The user gives up their place (or waitlist place); the freed place is offered to the next in line. */
    public Result leave(long userId, long activityId) {
        Optional<Volunteer> volunteer = volunteers.byUser(userId);
        if (volunteer.isEmpty()) {
            return Result.of(Outcome.NOT_SIGNED_UP, null);
        }
        List<Enrollment> offered = new ArrayList<>();
        Result result = transactions.execute(status -> {
            Optional<Call> call = calls.lock(activityId);
            Optional<Enrollment> mine = enrollments.of(activityId, volunteer.get().id()).filter(Enrollment::active);
            if (call.isEmpty() || mine.isEmpty()) {
                return Result.of(Outcome.NOT_ENROLLED, call.orElse(null));
            }
            enrollments.status(mine.get().id(), "cancelled", clock.instant());
            if (mine.get().holdsPlace()) {
                offerNext(call.get()).ifPresent(offered::add);
            }
            calls.changed(activityId);
            events.publishEvent(new CallChanged(activityId, "enrolment", volunteer.get().id()));
            offered.forEach(next -> events.publishEvent(new CallChanged(activityId, "enrolment", next.volunteerId())));
            return new Result(Outcome.LEFT, call.get(), mine.get(), 0, List.of());
        });
        offered.forEach(this::tellOffered);
        return result;
    }

    /** The answer to an offered place: yes takes it (if still in time), no passes it on. */
    public Result answerOffer(long userId, long enrollmentId, boolean accept) {
        Optional<Volunteer> volunteer = volunteers.byUser(userId);
        Optional<Enrollment> known = enrollments.byId(enrollmentId);
        if (volunteer.isEmpty() || known.isEmpty() || known.get().volunteerId() != volunteer.get().id()) {
            return Result.of(Outcome.NOT_ENROLLED, null);
        }
        List<Enrollment> offered = new ArrayList<>();
        Result result = transactions.execute(status -> {
            Call call = calls.lock(known.get().activityId()).orElseThrow();
            Enrollment current = enrollments.byId(enrollmentId).orElseThrow();
            if (!"offered".equals(current.status())) {
                return new Result(Outcome.OFFER_EXPIRED, call, current, 0, List.of());
            }
            if (current.offeredUntil() != null && !current.offeredUntil().isAfter(clock.instant())) {
                expire(call, current).ifPresent(offered::add);
                return new Result(Outcome.OFFER_EXPIRED, call, current, 0, List.of());
            }
            if (accept) {
                enrollments.status(enrollmentId, "confirmed", clock.instant());
            } else {
                enrollments.status(enrollmentId, "cancelled", clock.instant());
                offerNext(call).ifPresent(offered::add);
            }
            calls.changed(call.id());
            events.publishEvent(new CallChanged(call.id(), "enrolment", current.volunteerId()));
            offered.forEach(next -> events.publishEvent(new CallChanged(call.id(), "enrolment", next.volunteerId())));
            return new Result(accept ? Outcome.ACCEPTED : Outcome.DECLINED, call, current, 0, List.of());
        });
        offered.forEach(this::tellOffered);
        return result;
    }

    /** Offers that ran out pass to the next in line. Safe to run on every instance at once. */
    public int expireOffers() {
        List<Enrollment> expired = new ArrayList<>();
        List<Enrollment> offered = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (Enrollment enrollment : enrollments.claimExpiredOffers(clock.instant(), 50)) {
                Call call = calls.lock(enrollment.activityId()).orElseThrow();
                Enrollment current = enrollments.byId(enrollment.id()).orElseThrow();
                if ("offered".equals(current.status())) {
                    expired.add(current);
                    expire(call, current).ifPresent(offered::add);
                    events.publishEvent(new CallChanged(call.id(), "enrolment", current.volunteerId()));
                }
            }
            offered.forEach(next -> events.publishEvent(new CallChanged(next.activityId(), "enrolment", next.volunteerId())));
        });
        expired.forEach(this::tellExpired);
        offered.forEach(this::tellOffered);
        return expired.size();
    }

    private Optional<Enrollment> expire(Call call, Enrollment enrollment) {
        enrollments.status(enrollment.id(), "cancelled", clock.instant());
        calls.changed(call.id());
        return offerNext(call);
    }

    /** Offers a free place to the first in line, if there is a free place and someone waiting. */
    private Optional<Enrollment> offerNext(Call call) {
        if (!call.isOpen() || calls.counts(call.id()).taken() >= call.slots()) {
            return Optional.empty();
        }
        Optional<Enrollment> next = enrollments.firstWaiting(call.id());
        next.ifPresent(e -> enrollments.offer(e.id(), clock.instant().plus(properties.offerTime()), clock.instant()));
        return next.map(e -> new Enrollment(e.id(), e.activityId(), e.volunteerId(), "offered", e.position(),
                clock.instant().plus(properties.offerTime())));
    }

    private void tellOffered(Enrollment enrollment) {
        volunteers.byId(enrollment.volunteerId()).ifPresent(volunteer -> calls.byId(enrollment.activityId()).ifPresent(call -> {
            var locale = languages.forUserId(volunteer.userId());
            sender.send(messages.offer(volunteer.userId(), call, enrollment, locale));
            log.info("place on call {} offered to volunteer {}", call.id(), volunteer.id());
        }));
    }

    private void tellExpired(Enrollment enrollment) {
        volunteers.byId(enrollment.volunteerId()).ifPresent(volunteer -> calls.byId(enrollment.activityId()).ifPresent(call ->
                sender.send(messages.offerExpired(volunteer.userId(), call, languages.forUserId(volunteer.userId())))));
    }

    /** The private confirmation of an enrolment, with a button to leave. */
    public Outbound confirmation(long userId, Result result, java.util.Locale locale) {
        return messages.confirmation(userId, result, locale);
    }
}
