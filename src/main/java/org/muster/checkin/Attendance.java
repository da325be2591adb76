package org.muster.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.conversation.OrganisationProperties;
import org.muster.hours.HoursLedger;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.volunteer.Volunteer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checking in and out, by a leader (any way they like) or by the volunteer (with a location in
 * the geofence, during the shift). A check-out turns the time attended into service hours:
 * clamped to the shift's window, unless a leader confirms the extra time. Everything is audited.
 */
@Component
public class Attendance {

    public enum Outcome {
        CHECKED_IN, ALREADY_IN, UNDONE, CHECKED_OUT, ALREADY_OUT, REOPENED, NOT_IN, NOT_OUT, NOT_ON_SHIFT, OUTSIDE_WINDOW, TOO_FAR,
        NO_SITE_LOCATION, HOURS_REVIEWED
    }

    /** What happened; {@code extraMinutes} is time beyond the window a leader may confirm, {@code distance} in metres. */
    public record Result(Outcome outcome, long attendanceId, int minutes, int extraMinutes, long distance) {
        static Result of(Outcome outcome) {
            return new Result(outcome, 0, 0, 0, 0);
        }

        public boolean ok() {
            return outcome == Outcome.CHECKED_IN || outcome == Outcome.CHECKED_OUT || outcome == Outcome.UNDONE || outcome == Outcome.REOPENED;
        }
    }

    static final Set<String> BY_LEADER = Set.of("roster", "reply", "mention", "coordinator", "automatic", "app");

    private final AttendanceRepository repository;
    private final Calls calls;
    private final HoursLedger hours;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CheckinProperties properties;
    private final ZoneId zone;
    private final Rosters rosters;

    Attendance(AttendanceRepository repository, Calls calls, HoursLedger hours, AuditLog audit, TransactionTemplate transactions,
               Clock clock, CheckinProperties properties, OrganisationProperties organisation, Rosters rosters) {
        this.rosters = rosters;
        this.repository = repository;
        this.calls = calls;
        this.hours = hours;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.zone = organisation.timeZone();
    }

    /**
     * A leader (or coordinator) checks a member in, on the shift's day or the day after (for a
     * correction), never days ahead; the volunteer themselves only within the check-in window,
     * which their paths check.
     */
    public Result checkIn(Call call, Volunteer volunteer, long by, String how, Long chatId) {
        if (!onShift(call, volunteer)) {
            return Result.of(Outcome.NOT_ON_SHIFT);
        }
        if (BY_LEADER.contains(how) && !inLeaderWindow(call)) {
            return Result.of(Outcome.OUTSIDE_WINDOW);
        }
        return transactions.execute(status -> {
            Optional<AttendanceRecord> record = repository.checkIn(call.id(), volunteer.id(), clock.instant(), by, how);
            if (record.isEmpty()) {
                return new Result(Outcome.ALREADY_IN, repository.of(call.id(), volunteer.id()).map(AttendanceRecord::id).orElse(0L), 0, 0, 0);
            }
            calls.cameAfterAll(call.id(), volunteer.id());
            rosters.changed(call.id());
            audit.record(by, "attendance.in", chatId, Map.of("call", call.id(), "volunteer", volunteer.id(), "how", how));
            return new Result(Outcome.CHECKED_IN, record.get().id(), 0, 0, 0);
        });
    }

    /** Undoes a check-in, and a check-out after it with the hours it produced; refused once a person decided on those hours. */
    public Result undoCheckIn(Call call, Volunteer volunteer, long by, Long chatId) {
        return transactions.execute(status -> {
            Optional<AttendanceRecord> current = repository.of(call.id(), volunteer.id()).filter(a -> a.checkedInAt() != null);
            if (current.isEmpty()) {
                return Result.of(Outcome.NOT_IN);
            }
            if (hours.reviewedFromAttendance(volunteer.id(), call.id())) {
                return new Result(Outcome.HOURS_REVIEWED, current.get().id(), 0, 0, 0);
            }
            if (!repository.undoCheckIn(current.get().id())) {
                return Result.of(Outcome.NOT_IN);
            }
            hours.withdrawFromAttendance(volunteer.id(), call.id());
            rosters.changed(call.id());
            audit.record(by, "attendance.undone", chatId, Map.of("call", call.id(), "volunteer", volunteer.id()));
            return new Result(Outcome.UNDONE, current.get().id(), 0, 0, 0);
        });
    }

    /** A leader checks a member out. */
    public Result checkOut(Call call, Volunteer volunteer, long by, String how, Long chatId) {
        return transactions.execute(status -> {
            Optional<AttendanceRecord> current = repository.of(call.id(), volunteer.id()).filter(a -> a.checkedInAt() != null);
            if (current.isEmpty()) {
                return Result.of(Outcome.NOT_IN);
            }
            if (current.get().out()) {
                return new Result(Outcome.ALREADY_OUT, current.get().id(), current.get().minutes(), 0, 0);
            }
            return out(call, current.get(), clock.instant(), by, how, chatId)
                    .orElseGet(() -> new Result(Outcome.ALREADY_OUT, current.get().id(), 0, 0, 0));
        });
    }

    /** Undoes a check-out and the hours it produced; refused once a person decided on those hours. */
    public Result reopen(Call call, Volunteer volunteer, long by, Long chatId) {
        return transactions.execute(status -> {
            Optional<AttendanceRecord> current = repository.of(call.id(), volunteer.id()).filter(AttendanceRecord::out);
            if (current.isEmpty()) {
                return Result.of(Outcome.NOT_OUT);
            }
            if (hours.reviewedFromAttendance(volunteer.id(), call.id())) {
                return new Result(Outcome.HOURS_REVIEWED, current.get().id(), 0, 0, 0);
            }
            if (!repository.undoCheckOut(current.get().id())) {
                return Result.of(Outcome.NOT_OUT);
            }
            hours.withdrawFromAttendance(volunteer.id(), call.id());
            rosters.changed(call.id());
            audit.record(by, "attendance.reopened", chatId, Map.of("call", call.id(), "volunteer", volunteer.id()));
            return new Result(Outcome.REOPENED, current.get().id(), 0, 0, 0);
        });
    }

    /** From the start of the shift's day until a day after it ended: check-ins by a leader, including corrections. */
    boolean inLeaderWindow(Call call) {
        Instant now = clock.instant();
        Instant dayStart = call.startsAt().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return !now.isBefore(dayStart) && !now.isAfter(call.endsAt().plus(Duration.ofDays(1)));
    }

    /** The volunteer checks themselves in with a shared location. */
    public Result selfCheckIn(Call call, Volunteer volunteer, double latitude, double longitude) {
        Result where = checkPlaceAndTime(call, latitude, longitude);
        if (where != null) {
            return where;
        }
        return checkIn(call, volunteer, volunteer.userId(), "location", volunteer.userId());
    }

    public Result selfCheckOut(Call call, Volunteer volunteer, double latitude, double longitude) {
        Result where = checkPlaceAndTime(call, latitude, longitude);
        if (where != null && where.outcome() != Outcome.OUTSIDE_WINDOW) {
            return where;
        }
        return checkOut(call, volunteer, volunteer.userId(), "location", volunteer.userId());
    }

    /** A leader confirms the time attended beyond the shift's window. */
    public Optional<Integer> confirmExtra(long attendanceId, long by, Long chatId) {
        return repository.byId(attendanceId).filter(AttendanceRecord::out).flatMap(record -> calls.call(record.activityId()).map(call -> {
            int actual = (int) Duration.between(record.checkedInAt(), record.checkedOutAt()).toMinutes();
            repository.minutes(record.id(), actual);
            rosters.changed(call.id());
            hours.fromAttendance(record.volunteerId(), call.id(), call.startsAt().atZone(zone).toLocalDate(), actual, true);
            audit.record(by, "attendance.extra_confirmed", chatId, Map.of("attendance", record.id(), "minutes", actual));
            return actual;
        }));
    }

    /** Members still checked in after their shift ended: out at the end. Returns those checked out. */
    java.util.List<AttendanceRecord> checkOutAtEnd() {
        java.util.List<AttendanceRecord> done = new java.util.ArrayList<>();
        for (AttendanceRecord open : repository.openAfterEnd(clock.instant())) {
            // of two instances sweeping at once, one checks out and tells the leaders; the other finds it done
            calls.call(open.activityId()).ifPresent(call -> transactions.executeWithoutResult(status ->
                    out(call, open, call.endsAt(), 0, "automatic", null).ifPresent(result -> done.add(open))));
        }
        return done;
    }

    /** Empty when another path checked the member out first. */
    private Optional<Result> out(Call call, AttendanceRecord record, Instant at, long by, String how, Long chatId) {
        Instant from = record.checkedInAt().isAfter(call.startsAt()) ? record.checkedInAt() : call.startsAt();
        Instant to = at.isBefore(call.endsAt()) ? at : call.endsAt();
        int minutes = (int) Math.max(0, Duration.between(from, to).toMinutes());
        int actual = (int) Math.max(0, Duration.between(record.checkedInAt(), at).toMinutes());
        Optional<AttendanceRecord> checkedOut = repository.checkOut(record.id(), at, by, how, minutes);
        if (checkedOut.isEmpty()) {
            return Optional.empty();
        }
        AttendanceRecord done = checkedOut.get();
        rosters.changed(call.id());
        boolean approved = BY_LEADER.contains(done.checkInHow()) && BY_LEADER.contains(how);
        hours.fromAttendance(record.volunteerId(), call.id(), call.startsAt().atZone(zone).toLocalDate(), minutes, approved);
        audit.record(by, "attendance.out", chatId, Map.of("call", call.id(), "volunteer", record.volunteerId(), "how", how, "minutes", minutes));
        return Optional.of(new Result(Outcome.CHECKED_OUT, record.id(), minutes, Math.max(0, actual - minutes), 0));
    }

    private boolean onShift(Call call, Volunteer volunteer) {
        return calls.enrollment(call.id(), volunteer.id())
                .filter(e -> "confirmed".equals(e.status()) || "no_show".equals(e.status())).isPresent();
    }

    /** Null when the place and time are right for a self check-in. */
    private Result checkPlaceAndTime(Call call, double latitude, double longitude) {
        if (call.latitude() == null || call.longitude() == null) {
            return Result.of(Outcome.NO_SITE_LOCATION);
        }
        long distance = Math.round(Geo.metres(call.latitude(), call.longitude(), latitude, longitude));
        if (distance > properties.geofence()) {
            return new Result(Outcome.TOO_FAR, 0, 0, 0, distance);
        }
        Instant now = clock.instant();
        if (now.isBefore(call.startsAt().minus(properties.early())) || now.isAfter(call.endsAt())) {
            return new Result(Outcome.OUTSIDE_WINDOW, 0, 0, 0, distance);
        }
        return null;
    }

    /** Whether checking oneself in is open for the shift now: from {@code early} before its start to its end. */
    boolean inCheckInWindow(Call call) {
        Instant now = clock.instant();
        return !now.isBefore(call.startsAt().minus(properties.early())) && !now.isAfter(call.endsAt());
    }

    /** The volunteer's shift that self check-in applies to now: on, or opening soon. */
    Optional<Call> currentShiftOf(Volunteer volunteer) {
        Instant now = clock.instant();
        return calls.upcomingOf(volunteer.id(), now.minus(Duration.ofDays(1))).stream()
                .map(calls::call).flatMap(Optional::stream)
                .filter(call -> !now.isBefore(call.startsAt().minus(properties.early())) && !now.isAfter(call.endsAt()))
                .filter(call -> onShift(call, volunteer))
                .findFirst();
    }

    Optional<AttendanceRecord> record(long activityId, long volunteerId) {
        return repository.of(activityId, volunteerId);
    }

    Optional<AttendanceRecord> recordById(long attendanceId) {
        return repository.byId(attendanceId);
    }

    int geofence() {
        return properties.geofence();
    }

    Duration early() {
        return properties.early();
    }
}
