package org.muster.team;

import java.util.List;
import java.util.Map;

import org.muster.audit.AuditLog;
import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.springframework.stereotype.Component;

/** Appointing and removing team leaders, from /team or /leader: the role, the audit line, and a word to the person. */
@Component
class LeaderAppointments {

    private final TeamRepository teams;
    private final ChatSender sender;
    private final Languages languages;
    private final AuditLog audit;

    LeaderAppointments(TeamRepository teams, ChatSender sender, Languages languages, AuditLog audit) {
        this.teams = teams;
        this.sender = sender;
        this.languages = languages;
        this.audit = audit;
    }

    /** Changes the role and tells the person privately; the answer to the caller names them only in a private chat. */
    List<Outbound> change(Turn turn, Team team, Volunteer person, boolean appoint) {
        apply(turn, team, person, appoint);
        if (turn.isPrivate()) {
            return List.of(turn.reply(Txt.of(appoint ? "team.appointed" : "team.removed", Txt.literal(person.realName()),
                    Txt.literal(team.name()))));
        }
        return List.of(turn.reply(Txt.of(appoint ? "team.appointed_in_group" : "team.removed_in_group", Txt.literal(team.name()))));
    }

    void apply(Turn turn, Team team, Volunteer person, boolean appoint) {
        teams.setRole(team.id(), person.id(), appoint);
        audit.record(turn.userId(), appoint ? "leader.appointed" : "leader.removed", turn.chatId(),
                Map.of("team", team.id(), "volunteer", person.id()));
        sender.send(new Outbound.Send(person.userId(), Txt.of(appoint ? "team.you_lead" : "team.you_no_longer_lead",
                Txt.literal(team.name())), null, null, languages.forUserId(person.userId())));
    }
}
