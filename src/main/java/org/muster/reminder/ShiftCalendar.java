package org.muster.reminder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Geo;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.validate.ValidationException;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;

/**
 * A volunteer's shifts as an iCalendar file (RFC 5545, through ical4j): one event per shift in the
 * organisation's time zone (with its {@code VTIMEZONE}), the site and its coordinates ({@code GEO}),
 * a reminder for each of the volunteer's {@code /reminders} choices ({@code VALARM}), and
 * {@code STATUS:CANCELLED} for a shift that was cancelled or that they left, so that a subscribed
 * calendar removes it. The event's UID is the enrolment's, so that every later copy updates it.
 */
final class ShiftCalendar {

    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private ShiftCalendar() {
    }

    static byte[] of(List<CalendarRepository.Shift> shifts, List<Duration> reminders, ZoneId zone, String host, Texts texts, Locale locale,
                     Instant now) {
        Calendar calendar = new Calendar().withProdId("-//Muster//Volunteer shifts//" + locale.getLanguage().toUpperCase(Locale.ROOT))
                .withDefaults()
                .withProperty(new XProperty("X-WR-CALNAME", texts.plain(Txt.of("calendar.name"), locale)))
                .withProperty(new XProperty("X-WR-TIMEZONE", zone.getId()))
                .withComponent(ZONES.getTimeZone(zone.getId()).getVTimeZone())
                .getFluentTarget();
        for (CalendarRepository.Shift shift : shifts) {
            VEvent event = new VEvent(ZonedDateTime.ofInstant(shift.startsAt(), zone), ZonedDateTime.ofInstant(shift.endsAt(), zone),
                    shift.title());
            event.add(new Uid("enrolment-" + shift.enrolment() + "@" + host));
            // the constructor stamps the machine's time; the stamp is the organisation's clock's
            event.removeAll("DTSTAMP");
            event.add(new DtStamp(now));
            if (shift.changedAt() != null) {
                event.add(new LastModified(shift.changedAt()));
            }
            String where = shift.siteAddress() == null || shift.siteAddress().isBlank() ? shift.siteName()
                    : shift.siteName() + ", " + shift.siteAddress();
            if (where != null) {
                event.add(new Location(where));
            }
            if (shift.latitude() != null && shift.longitude() != null) {
                event.add(new Geo(BigDecimal.valueOf(shift.latitude()), BigDecimal.valueOf(shift.longitude())));
            }
            event.add(new Description(texts.plain(Txt.of("calendar.description"), locale)));
            event.add(shift.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
            if (!shift.cancelled()) {
                for (Duration before : reminders) {
                    VAlarm alarm = new VAlarm(before.negated());
                    alarm.add(ImmutableAction.DISPLAY);
                    alarm.add(new Description(texts.plain(Txt.of("calendar.alarm", Txt.literal(shift.title())), locale)));
                    event.add(alarm);
                }
            }
            calendar.add(event);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CalendarOutputter().output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("the shifts' calendar is not valid iCalendar: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
