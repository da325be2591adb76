package org.muster.team;

import java.util.List;
import java.util.Map;

import org.muster.audit.AuditLog;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * Who may manage a team or a group, checked on every command and button: coordinators anything,
 * a leader only their own team and its group. Refusals are polite and audited.
 */
@Component
class TeamAccess {

    private final TeamRepository teams;
    private final AuditLog audit;

    TeamAccess(TeamRepository teams, AuditLog audit) {
        this.teams = teams;
        this.audit = audit;
    }

    boolean mayManageTeam(Turn turn, long teamId) {
        return turn.has(Role.COORDINATOR) || teams.leads(turn.userId(), teamId);
    }

    /** A group: coordinators; or the leader of the team it is bound to. */
    boolean mayManageGroup(Turn turn, GroupChat group) {
        return turn.has(Role.COORDINATOR) || (group.teamId() != null && teams.leads(turn.userId(), group.teamId()));
    }

    List<Outbound> refuse(Turn turn, String what) {
        audit.record(turn.userId(), "refused", turn.chatId(), Map.of("what", what));
        Txt answer = Txt.of("team.not_allowed");
        return turn.inbound() instanceof org.muster.conversation.Inbound.Button
                ? List.of(turn.toast(answer))
                : List.of(turn.reply(answer));
    }
}
