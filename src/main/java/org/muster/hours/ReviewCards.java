package org.muster.hours;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.muster.conversation.ChatSender;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Txt;
import org.muster.team.Team;
import org.muster.team.TeamMember;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * The message that puts a record before a reviewer, in their private chat (so the volunteer's
 * real name may appear), with approve and reject buttons: {@code review:ok|cap|no:<record>}.
 * Who reviews: the leaders of the team that ran the shift, or for another activity the leaders
 * of the volunteer's teams; never the volunteer themselves. Coordinators see all in /approve.
 * Every card sent is remembered, so that a decision, whoever makes it and wherever, redraws all of
 * them with the outcome and without buttons.
 */
@Component
class ReviewCards {

    /** The kind of prompt a sent card is remembered as. */
    static final String KIND = "hours_review";

    private final Volunteers volunteers;
    private final Teams teams;
    private final GroupPrompts prompts;
    private final Languages languages;
    private final ZoneId zone;

    ReviewCards(Volunteers volunteers, Teams teams, GroupPrompts prompts, Languages languages, OrganisationProperties organisation) {
        this.volunteers = volunteers;
        this.teams = teams;
        this.prompts = prompts;
        this.languages = languages;
        this.zone = organisation.timeZone();
    }

    /** Telegram user ids of those who should be asked. */
    List<Long> reviewers(HoursRecord record) {
        List<Long> teamIds = record.teamId() != null ? List.of(record.teamId())
                : teams.teamsOf(record.volunteerId()).stream().map(Team::id).toList();
        Set<Long> leaders = new LinkedHashSet<>();
        for (long team : teamIds) {
            teams.members(team).stream().filter(TeamMember::leader).map(TeamMember::volunteerId)
                    .filter(id -> id != record.volunteerId()).forEach(leaders::add);
        }
        return volunteers.byIds(leaders).stream().map(Volunteer::userId).filter(id -> id != 0).toList();
    }

    Outbound.Send card(long chatId, HoursRecord record, Locale locale) {
        return new Outbound.Send(chatId, text(record), buttons(record), null, locale);
    }

    Txt text(HoursRecord record) {
        String name = volunteers.byId(record.volunteerId()).map(v -> v.realName() == null ? v.publicId() : v.realName()).orElse("");
        Txt beyond = record.beyondShift() ? Txt.of("hours.review_beyond_shift", Durations.of(record.shiftMinutes())) : Txt.literal("");
        Txt note = record.note() == null ? Txt.literal("") : Txt.of("hours.review_note", Txt.literal(record.note()));
        Txt source = Txt.of("attendance".equals(record.source()) ? "hours.source_attendance" : "hours.source_self");
        return Txt.of("hours.review", record.id(), Txt.literal(name), Txt.literal(record.what()), Txt.date(record.date().atStartOfDay(zone)),
                Durations.of(record.minutes()), source, beyond, note, Txt.of("hours.review_title_" + record.status()));
    }

    /** A card once the record is decided: what it says now, and the decision, without buttons. */
    Txt decided(HoursRecord record) {
        return Txt.of("hours.review_decided", text(record), outcome(record));
    }

    static Txt outcome(HoursRecord record) {
        return switch (record.status()) {
            case "approved" -> Txt.of("hours.status_approved_minutes", Durations.of(record.minutes()));
            case "rejected" -> Txt.of("hours.status_rejected_reason", Txt.literal(record.rejectReason() == null ? "" : record.rejectReason()));
            default -> Txt.of("hours.status_pending");
        };
    }

    /** Every card of the record that reviewers were sent, drawn as it stands now. */
    List<Outbound> redrawn(HoursRecord record) {
        List<Outbound> out = new ArrayList<>();
        for (GroupPrompts.Prompt card : prompts.of(KIND, record.id())) {
            // cards live in private chats: the chat is the reviewer
            out.add(new Outbound.Edit(card.chatId(), card.messageId(), decided(record), null, languages.forUserId(card.chatId())));
        }
        return out;
    }

    /** Sends the card and remembers it, so that a decision by anyone redraws it. */
    void send(ChatSender sender, long chatId, HoursRecord record, Locale locale) {
        sender.send(card(chatId, record, locale)).thenAccept(result -> {
            if (result instanceof SendResult.Sent sent) {
                prompts.remember(sent.chatId(), sent.messageId(), KIND, record.id(), false);
            }
        });
    }

    /** The card as a reply, remembered once it is sent. */
    Outbound.Prompt cardReply(long chatId, HoursRecord record, Locale locale) {
        return new Outbound.Prompt(card(chatId, record, locale), KIND, record.id(), false);
    }

    Markup.Inline buttons(HoursRecord record) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        if (record.beyondShift()) {
            rows.add(List.of(Markup.Button.callback(Txt.of("hours.approve_beyond", Durations.of(record.minutes())), "review:ok:" + record.id())));
            rows.add(List.of(Markup.Button.callback(Txt.of("hours.approve_shift", Durations.of(record.shiftMinutes())),
                    "review:cap:" + record.id())));
        } else {
            rows.add(List.of(Markup.Button.callback(Txt.of("hours.approve"), "review:ok:" + record.id())));
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("hours.reject"), "review:no:" + record.id())));
        return new Markup.Inline(rows);
    }
}
