package org.muster.hours;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.conversation.Languages;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Txt;
import org.muster.recruitment.Calls;
import org.muster.team.Team;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decisions on hours records: a leader of the team concerned (or a coordinator) approves or
 * rejects a pending record; only a coordinator corrects an approved one. Nobody decides on their
 * own record. Each decision is one transaction on the locked record, audited, and the volunteer
 * is told.
 */
@Component
class Reviews {

    enum Outcome { APPROVED, REJECTED, CORRECTED, NOT_FOUND, ALREADY_DECIDED, NOT_ALLOWED, OWN_RECORD, NOT_APPROVED, NO_SHIFT_LIMIT }

    /** @param notices what to send after the commit: the volunteer's notice, the reviewers' cards redrawn */
    record Decision(Outcome outcome, HoursRecord record, List<Outbound> notices) {
    }

    /** True when the decision's notices already redraw that card. */
    static boolean redraws(Decision decision, long chatId, int messageId) {
        return decision.notices().stream().anyMatch(n -> n instanceof Outbound.Edit edit && edit.chatId() == chatId
                && edit.messageId() == messageId);
    }

    private final HoursRepository repository;
    private final Calls calls;
    private final Teams teams;
    private final Volunteers volunteers;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Languages languages;
    private final Clock clock;
    private final ZoneId zone;
    private final ReviewCards cards;
    private final CertificateRepository certificates;

    Reviews(HoursRepository repository, Calls calls, Teams teams, Volunteers volunteers, AuditLog audit, TransactionTemplate transactions,
            Languages languages, Clock clock, OrganisationProperties organisation, ReviewCards cards, CertificateRepository certificates) {
        this.certificates = certificates;
        this.cards = cards;
        this.calls = calls;
        this.repository = repository;
        this.teams = teams;
        this.volunteers = volunteers;
        this.audit = audit;
        this.transactions = transactions;
        this.languages = languages;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    /** The teams whose records this user reviews; null for a coordinator (all of them). */
    List<Long> reviewedTeams(long userId, Set<Role> roles) {
        if (roles.contains(Role.COORDINATOR)) {
            return null;
        }
        return volunteers.byUser(userId).map(v -> teams.ledBy(v.id()).stream().map(Team::id).toList()).orElse(List.of());
    }

    boolean mayReview(long userId, Set<Role> roles, HoursRecord record) {
        if (roles.contains(Role.COORDINATOR)) {
            return true;
        }
        if (record.teamId() != null) {
            return teams.leads(userId, record.teamId());
        }
        return teams.teamsOf(record.volunteerId()).stream().anyMatch(team -> teams.leads(userId, team.id()));
    }

    private boolean own(long userId, HoursRecord record) {
        return volunteers.byUser(userId).map(Volunteer::id).filter(id -> id == record.volunteerId()).isPresent();
    }

    Decision approve(long recordId, long by, Set<Role> roles, boolean capToShift, Long chatId) {
        return decide(recordId, by, roles, chatId, record -> {
            if (capToShift && record.shiftMinutes() == null) {
                return new Decision(Outcome.NO_SHIFT_LIMIT, record, List.of());
            }
            int minutes = capToShift ? Math.min(record.minutes(), record.shiftMinutes()) : record.minutes();
            repository.approve(record.id(), by, minutes, clock.instant());
            if (record.activityId() != null) {
                // approved hours for the shift: they came, whatever the sweep marked
                calls.cameAfterAll(record.activityId(), record.volunteerId());
            }
            audit.record(by, "hours.approved", chatId, Map.of("record", record.id(), "minutes", minutes, "reported", record.minutes()));
            return new Decision(Outcome.APPROVED, record, withCards(record, notice(record, "hours.approved_notice", Durations.of(minutes))));
        });
    }

    Decision reject(long recordId, long by, Set<Role> roles, String reason, Long chatId) {
        return decide(recordId, by, roles, chatId, record -> {
            repository.reject(record.id(), by, reason, clock.instant());
            audit.record(by, "hours.rejected", chatId, Map.of("record", record.id()));
            return new Decision(Outcome.REJECTED, record, withCards(record, notice(record, "hours.rejected_notice", Txt.literal(reason))));
        });
    }

    /** A coordinator changes the minutes of an approved record; the audit keeps before and after. */
    Decision correct(long recordId, long by, int minutes, String reason, Long chatId) {
        return transactions.execute(status -> {
            Optional<HoursRecord> locked = repository.lock(recordId);
            if (locked.isEmpty()) {
                return new Decision(Outcome.NOT_FOUND, null, List.of());
            }
            HoursRecord record = locked.get();
            if (own(by, record)) {
                audit.record(by, "hours.correction_refused", chatId, Map.of("record", recordId, "reason", "own record"));
                return new Decision(Outcome.OWN_RECORD, record, List.of());
            }
            if (!record.approved()) {
                return new Decision(Outcome.NOT_APPROVED, record, List.of());
            }
            repository.correct(recordId, by, minutes, clock.instant());
            // what the volunteer's certificates state no longer holds
            certificates.endAllOf(record.volunteerId(), "superseded", clock.instant());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("record", recordId);
            detail.put("from", record.minutes());
            detail.put("to", minutes);
            detail.put("reason", reason == null ? "" : reason);
            audit.record(by, "hours.corrected", chatId, detail);
            return new Decision(Outcome.CORRECTED, record, withCards(record, notice(record, "hours.corrected_notice",
                    Durations.of(record.minutes()), Durations.of(minutes))));
        });
    }

    private interface Step {
        Decision apply(HoursRecord record);
    }

    private Decision decide(long recordId, long by, Set<Role> roles, Long chatId, Step step) {
        return transactions.execute(status -> {
            Optional<HoursRecord> locked = repository.lock(recordId);
            if (locked.isEmpty()) {
                return new Decision(Outcome.NOT_FOUND, null, List.of());
            }
            HoursRecord record = locked.get();
            if (!mayReview(by, roles, record)) {
                audit.record(by, "hours.review_refused", chatId, Map.of("record", recordId, "reason", "role"));
                return new Decision(Outcome.NOT_ALLOWED, record, List.of());
            }
            if (own(by, record)) {
                audit.record(by, "hours.review_refused", chatId, Map.of("record", recordId, "reason", "own record"));
                return new Decision(Outcome.OWN_RECORD, record, List.of());
            }
            if (!record.pending()) {
                return new Decision(Outcome.ALREADY_DECIDED, record, List.of());
            }
            return step.apply(record);
        });
    }

    /** The notices, and every reviewer's card of the record redrawn as it is now (read in this transaction). */
    private List<Outbound> withCards(HoursRecord record, List<Outbound> notices) {
        List<Outbound> out = new ArrayList<>(notices);
        repository.byId(record.id()).ifPresent(now -> out.addAll(cards.redrawn(now)));
        return out;
    }

    private List<Outbound> notice(HoursRecord record, String key, Txt... more) {
        List<Outbound> out = new ArrayList<>();
        volunteers.byId(record.volunteerId()).filter(v -> v.userId() != 0).ifPresent(v -> {
            List<Object> args = new ArrayList<>();
            args.add(Txt.literal(record.what()));
            args.add(Txt.date(record.date().atStartOfDay(zone)));
            args.addAll(List.of(more));
            out.add(new Outbound.Send(v.userId(), Txt.of(key, args.toArray()), null, null, languages.forUserId(v.userId())));
        });
        return out;
    }
}
