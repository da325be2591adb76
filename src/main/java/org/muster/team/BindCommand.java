package org.muster.team;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code /bind <team code>} (绑定) in a group: this group becomes the team's group. A coordinator
 * may bind any group; a leader only to their own team, and not away from another leader's team.
 */
@Component
class BindCommand implements CommandHandler {

    private final TeamRepository teams;
    private final GroupRepository groups;
    private final TeamAccess access;
    private final AuditLog audit;

    BindCommand(TeamRepository teams, GroupRepository groups, TeamAccess access, AuditLog audit) {
        this.teams = teams;
        this.groups = groups;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("bind", CommandSpec.Place.GROUP, Role.COORDINATOR, Role.LEADER);
    }

    @Override
    @Transactional
    public List<Outbound> handle(Turn turn, CommandCall call) {
        if (!call.hasArgs()) {
            return List.of(turn.reply(Txt.of("team.bind_usage")));
        }
        Optional<Team> team = teams.byCode(call.args());
        if (team.isEmpty()) {
            return List.of(turn.reply(Txt.of("team.unknown_code")));
        }
        GroupChat group = groups.ensure(turn);
        boolean coordinator = turn.has(Role.COORDINATOR);
        if (!coordinator && !teams.leads(turn.userId(), team.get().id())) {
            return access.refuse(turn, "bind");
        }
        if (team.get().id() == (group.teamId() == null ? -1 : group.teamId())) {
            return List.of(turn.reply(Txt.of("team.already_bound", Txt.literal(team.get().name()))));
        }
        if (group.teamId() != null && !coordinator && !teams.leads(turn.userId(), group.teamId())) {
            return access.refuse(turn, "bind-away");
        }
        groups.bind(group.chatId(), team.get().id());
        audit.record(turn.userId(), "group.bound", turn.chatId(), Map.of("team", team.get().id()));
        return List.of(turn.reply(Txt.of("team.bound", Txt.literal(team.get().name()))));
    }
}
