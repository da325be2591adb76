package org.muster.recruitment;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.muster.catalog.Catalog;
import org.muster.conversation.Markup;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Outbound;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** How a call reads, in groups, in private chats and in the preview: one layout everywhere. */
@Component
public class CallMessages {

    private final Catalog catalog;
    private final ZoneId zone;

    CallMessages(Catalog catalog, OrganisationProperties organisation) {
        this.catalog = catalog;
        this.zone = organisation.timeZone();
    }

    /** The call's message with its live counter and, while it is open, the enrol button. */
    Outbound.Send post(long chatId, Call call, Counts counts, Locale locale) {
        return new Outbound.Send(chatId, body(call, counts, locale), button(call, counts), null, locale);
    }

    Outbound.Edit edit(long chatId, int messageId, Call call, Counts counts, Locale locale) {
        return new Outbound.Edit(chatId, messageId, body(call, counts, locale), button(call, counts), locale);
    }

    Txt body(Call call, Counts counts, Locale locale) {
        Txt site = call.latitude() != null
                ? Txt.of("call.site_with_map", Txt.literal(call.siteName()), mapLink(call))
                : call.siteAddress() != null ? Txt.of("call.site_with_address", Txt.literal(call.siteName()), Txt.literal(call.siteAddress()))
                : Txt.literal(call.siteName());
        Txt skills = call.skills().isEmpty() ? Txt.literal("")
                : Txt.of("call.skills", Txt.join(call.skills().stream().map(s -> Txt.literal(catalog.skillName(s, locale))).toList()));
        return Txt.of("call.message", Txt.literal(call.title()), Txt.literal(call.description()), site,
                Txt.literal(catalog.pathName(call.areaCode(), locale)), when(call), call.slots(), skills, counter(call, counts), tag(call));
    }

    /** Next to the title: a closed or cancelled call says so first thing, not only in its counter. */
    private static Txt tag(Call call) {
        return call.isCancelled() ? Txt.of("call.tag_cancelled") : call.isOpen() ? Txt.literal("") : Txt.of("call.tag_closed");
    }

    Txt when(Call call) {
        var start = call.startsAt().atZone(zone);
        var end = call.endsAt().atZone(zone);
        // a night shift ends on the next day: both dates are shown (an end at midnight is the same day's)
        if (!end.toLocalDate().equals(start.toLocalDate()) && !end.minusNanos(1).toLocalDate().equals(start.toLocalDate())) {
            return Txt.of("call.when_overnight", Txt.date(start), Txt.time(start), Txt.date(end), Txt.time(end));
        }
        return Txt.of("call.when", Txt.date(start), Txt.time(start), Txt.time(end));
    }

    private Txt counter(Call call, Counts counts) {
        if (call.isCancelled()) {
            return Txt.of("call.counter_cancelled");
        }
        if (!call.isOpen()) {
            return Txt.of("call.counter_closed", counts.taken(), call.slots());
        }
        return Txt.of(counts.taken() >= call.slots() ? "call.counter_full" : "call.counter_open",
                counts.taken(), call.slots(), counts.waitlisted());
    }

    private static Markup.Inline button(Call call, Counts counts) {
        if (!call.isOpen() || call.id() == 0) {
            return null;
        }
        Txt label = Txt.of(counts.taken() >= call.slots() ? "call.button_waitlist" : "call.button");
        return Markup.Inline.of(List.of(Markup.Button.callback(label, "enrol:" + call.id())));
    }

    private static String mapLink(Call call) {
        return "https://www.openstreetmap.org/?mlat=" + call.latitude() + "&mlon=" + call.longitude()
                + "#map=17/" + call.latitude() + "/" + call.longitude();
    }

    /** The kind of prompt an enrolment's private card is remembered as, to be redrawn when it changes. */
    static final String CARD = "enrolment";

    /**
     * The private word after enrolling: a place or a waitlist position, and a way out. Remembered
     * once sent, so that leaving, a place offered or taken later redraws it ({@link EnrolmentCards}).
     */
    Outbound confirmation(long userId, Enrolments.Result result, Locale locale) {
        Call call = result.call();
        boolean waitlisted = result.outcome() == Enrolments.Outcome.WAITLISTED || result.outcome() == Enrolments.Outcome.ALREADY_WAITLISTED;
        Outbound.Send card = new Outbound.Send(userId, cardText(call, waitlisted ? "waitlisted" : "confirmed", result.waitlistPlace()),
                cardButtons(call, waitlisted ? "waitlisted" : "confirmed"), null, locale);
        return result.enrollment() == null ? card : new Outbound.Prompt(card, CARD, result.enrollment().id(), false);
    }

    /** The card of an enrolment as it stands now. */
    Outbound.Edit card(long userId, int messageId, Call call, Enrollment enrollment, int waitlistPlace, Locale locale) {
        return new Outbound.Edit(userId, messageId, cardText(call, enrollment.status(), waitlistPlace), cardButtons(call, enrollment.status()),
                locale);
    }

    private Txt cardText(Call call, String status, int waitlistPlace) {
        Txt title = Txt.literal(call.title());
        Txt site = Txt.literal(call.siteName());
        if (call.isCancelled()) {
            return Txt.of("enrol.card_call_cancelled", title, when(call), site);
        }
        return switch (status) {
            case "waitlisted" -> Txt.of("enrol.private_waitlisted", title, when(call), site, waitlistPlace);
            case "offered" -> Txt.of("enrol.card_offered", title, when(call), site);
            case "cancelled" -> Txt.of("enrol.card_left", title, when(call), site);
            default -> Txt.of("enrol.private_confirmed", title, when(call), site);
        };
    }

    private static Markup.Inline cardButtons(Call call, String status) {
        boolean holds = !call.isCancelled() && List.of("confirmed", "waitlisted", "offered").contains(status);
        if (!holds) {
            return null;
        }
        Markup.Button leave = Markup.Button.callback(Txt.of("enrol.leave_button"), "leave:" + call.id());
        // a confirmed place is a shift: into the phone's calendar (the file comes from the calendar feature, cal:file)
        return "confirmed".equals(status) ? new Markup.Inline(List.of(List.of(leave), List.of(CALENDAR_BUTTON))) : Markup.Inline.of(List.of(leave));
    }

    static final Markup.Button CALENDAR_BUTTON = Markup.Button.callback(Txt.of("calendar.file_button"), "cal:file");

    Outbound offer(long userId, Call call, Enrollment enrollment, Locale locale) {
        return new Outbound.Send(userId, Txt.of("enrol.offer", Txt.literal(call.title()), when(call), Txt.literal(call.siteName()),
                Txt.time(enrollment.offeredUntil().atZone(zone))), Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("enrol.offer_accept"), "offer:" + enrollment.id() + ":yes"),
                Markup.Button.callback(Txt.of("enrol.offer_decline"), "offer:" + enrollment.id() + ":no"))), null, locale);
    }

    Outbound offerExpired(long userId, Call call, Locale locale) {
        return new Outbound.Send(userId, Txt.of("enrol.offer_expired", Txt.literal(call.title()), when(call)), null, null, locale);
    }

    /** A shift in /myshifts: what, when, where, and where the volunteer stands. */
    Txt shiftLine(Call call, Enrollment enrollment, int waitlistPlace) {
        Txt standing = switch (enrollment.status()) {
            case "confirmed" -> Txt.of("shift.confirmed");
            case "offered" -> Txt.of("shift.offered");
            default -> Txt.of("shift.waitlisted", waitlistPlace);
        };
        return Txt.of("shift.line", Txt.literal(call.title()), when(call), Txt.literal(call.siteName()), standing);
    }
}
