package org.muster.hours;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.OrganisationProperties;
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
 */
@Component
class ReviewCards {

    private final Volunteers volunteers;
    private final Teams teams;
    private final ZoneId zone;

    ReviewCards(Volunteers volunteers, Teams teams, OrganisationProperties organisation) {
        this.volunteers = volunteers;
        this.teams = teams;
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
                Durations.of(record.minutes()), source, beyond, note);
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
