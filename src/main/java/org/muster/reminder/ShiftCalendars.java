package org.muster.reminder;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.muster.app.ConsoleLink;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Texts;
import org.muster.volunteer.Volunteer;
import org.springframework.stereotype.Component;

/**
 * A volunteer's calendar: the file with their shifts (those of the last 30 days and all to come), and
 * their personal subscription address, whose token is 128 random bits and is replaced by
 * {@code /calendar reset}.
 */
@Component
class ShiftCalendars {

    /** Shifts that ended longer ago than this are not in the file any more. */
    static final Duration HISTORY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CalendarRepository repository;
    private final ReminderProperties reminders;
    private final OrganisationProperties organisation;
    private final ConsoleLink links;
    private final Texts texts;
    private final Clock clock;

    ShiftCalendars(CalendarRepository repository, ReminderProperties reminders, OrganisationProperties organisation, ConsoleLink links,
                   Texts texts, Clock clock) {
        this.repository = repository;
        this.reminders = reminders;
        this.organisation = organisation;
        this.links = links;
        this.texts = texts;
        this.clock = clock;
    }

    byte[] file(Volunteer volunteer, Locale locale) {
        Instant now = clock.instant();
        List<Duration> before = volunteer.reminderOffsets().isEmpty() ? reminders.offsets()
                : volunteer.reminderOffsets().stream().map(Duration::ofMinutes).toList();
        String host = links.site().map(site -> java.net.URI.create(site).getHost()).orElse("muster.invalid");
        return ShiftCalendar.of(repository.shiftsOf(volunteer.id(), now.minus(HISTORY)), before, organisation.timeZone(), host, texts, locale,
                now);
    }

    /** The volunteer's subscription address (made on first ask), or empty when Muster has no public address. */
    Optional<String> subscription(Volunteer volunteer) {
        return links.site().map(site -> site + "/calendar/" + repository.tokenOrNew(volunteer.id(), token(), clock.instant()) + ".ics");
    }

    /** A new address; the old one opens nothing from now on. */
    Optional<String> reset(Volunteer volunteer) {
        repository.replace(volunteer.id(), token(), clock.instant());
        return subscription(volunteer);
    }

    private static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
