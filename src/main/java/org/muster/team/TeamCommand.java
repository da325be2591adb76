package org.muster.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.muster.catalog.Catalog;
import org.muster.conversation.BotProfile;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * {@code /team}: a coordinator's view of the teams. Create one, see its join link and members,
 * appoint or remove its leaders by picking from its members. A leader may see their own team.
 */
@Component
class TeamCommand implements CommandHandler, ButtonHandler {

    private static final int MAX_LISTED = 30;

    private final TeamRepository teams;
    private final GroupRepository groups;
    private final Volunteers volunteers;
    private final FlowEngine engine;
    private final TeamFlow flow;
    private final TeamAccess access;
    private final Catalog catalog;
    private final BotProfile bot;
    private final LeaderAppointments appointments;

    TeamCommand(TeamRepository teams, GroupRepository groups, Volunteers volunteers, FlowEngine engine, TeamFlow flow,
                TeamAccess access, Catalog catalog, BotProfile bot, LeaderAppointments appointments) {
        this.teams = teams;
        this.groups = groups;
        this.volunteers = volunteers;
        this.engine = engine;
        this.flow = flow;
        this.access = access;
        this.catalog = catalog;
        this.bot = bot;
        this.appointments = appointments;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("team", CommandSpec.Place.PRIVATE, Role.COORDINATOR, Role.LEADER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        if (call.hasArgs()) {
            Optional<Team> team = teams.byCode(call.args());
            if (team.isEmpty()) {
                return List.of(turn.reply(Txt.of("team.unknown_code")));
            }
            return access.mayManageTeam(turn, team.get().id()) ? List.of(details(turn, team.get())) : access.refuse(turn, "team");
        }
        return List.of(menu(turn));
    }

    private Outbound menu(Turn turn) {
        List<Team> listed = turn.has(Role.COORDINATOR) ? teams.all()
                : volunteers.byUser(turn.userId()).map(v -> teams.ledBy(v.id())).orElse(List.of());
        List<List<Markup.Button>> rows = new ArrayList<>();
        listed.stream().limit(MAX_LISTED)
                .forEach(team -> rows.add(List.of(Markup.Button.callback(Txt.literal(team.name()), "team:show:" + team.id()))));
        if (turn.has(Role.COORDINATOR)) {
            rows.add(List.of(Markup.Button.callback(Txt.of("team.new_button"), "team:new")));
        }
        Txt text = listed.isEmpty() ? Txt.of("team.menu_empty")
                : listed.size() > MAX_LISTED ? Txt.of("team.menu_more", MAX_LISTED) : Txt.of("team.menu");
        return turn.reply(text, new Markup.Inline(rows));
    }

    private Outbound details(Turn turn, Team team) {
        List<TeamMember> members = teams.members(team.id());
        List<Volunteer> leaders = volunteers.byIds(members.stream().filter(TeamMember::leader).map(TeamMember::volunteerId).toList());
        Txt group = groups.ofTeam(team.id())
                .map(g -> Txt.literal(g.title() == null ? String.valueOf(g.chatId()) : g.title()))
                .orElse(Txt.of("team.no_group"));
        Txt leaderNames = leaders.isEmpty() ? Txt.of("team.no_leader")
                : Txt.join(leaders.stream().map(v -> Txt.literal(v.realName())).toList());
        List<List<Markup.Button>> rows = new ArrayList<>();
        rows.add(List.of(Markup.Button.callback(Txt.of("team.members_button"), "team:members:" + team.id())));
        if (turn.has(Role.COORDINATOR)) {
            rows.add(List.of(Markup.Button.callback(Txt.of("team.lead_button"), "team:lead:" + team.id()),
                    Markup.Button.callback(Txt.of("team.unlead_button"), "team:unlead:" + team.id())));
        }
        return turn.reply(Txt.of("team.details", Txt.literal(team.name()),
                Txt.literal(catalog.pathName(team.areaCode(), turn.locale())), team.joinCode(),
                bot.deepLink(JoinTeamLink.PREFIX + team.joinCode()), members.size(), leaderNames, group), new Markup.Inline(rows));
    }

    @Override
    public String prefix() {
        return "team";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        String[] parts = button.data().split(":");
        String action = parts.length > 1 ? parts[1] : "";
        if (action.equals("new") || action.equals("list")) {
            if (!turn.has(Role.COORDINATOR) || !turn.isPrivate()) {
                return access.refuse(turn, "team:" + action);
            }
            return action.equals("new") ? engine.start(turn, flow, flow.begin(turn)) : List.of(menu(turn));
        }
        Optional<Team> team = parts.length > 2 ? parseId(parts[2]).flatMap(teams::byId) : Optional.empty();
        if (team.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        boolean coordinator = turn.has(Role.COORDINATOR);
        if (!turn.isPrivate() || !(coordinator || access.mayManageTeam(turn, team.get().id()))) {
            return access.refuse(turn, "team:" + action);
        }
        switch (action) {
            case "show":
                return List.of(details(turn, team.get()));
            case "members":
                return List.of(memberList(turn, team.get()));
            case "lead":
            case "unlead":
                if (!coordinator) {
                    return access.refuse(turn, "team:" + action);
                }
                return parts.length > 3 ? changeLeader(turn, team.get(), parts[3], action.equals("lead"))
                        : List.of(pickMember(turn, team.get(), action.equals("lead")));
            default:
                return List.of(turn.toast(Txt.of("error.button_expired")));
        }
    }

    private Outbound memberList(Turn turn, Team team) {
        List<TeamMember> members = teams.members(team.id());
        Map<Long, Volunteer> byId = volunteers.byIds(members.stream().map(TeamMember::volunteerId).toList()).stream()
                .collect(Collectors.toMap(Volunteer::id, Function.identity()));
        List<Txt> lines = members.stream()
                .filter(m -> byId.containsKey(m.volunteerId()))
                .map(m -> Txt.of(m.leader() ? "team.member_leader" : "team.member_line", Txt.literal(byId.get(m.volunteerId()).realName()),
                        byId.get(m.volunteerId()).publicId()))
                .toList();
        return turn.reply(lines.isEmpty() ? Txt.of("team.no_members", Txt.literal(team.name()))
                : Txt.of("team.members", Txt.literal(team.name()), lines));
    }

    private Outbound pickMember(Turn turn, Team team, boolean appoint) {
        List<TeamMember> candidates = teams.members(team.id()).stream().filter(m -> m.leader() != appoint).toList();
        List<Volunteer> people = volunteers.byIds(candidates.stream().map(TeamMember::volunteerId).toList());
        String action = appoint ? "lead" : "unlead";
        List<List<Markup.Button>> rows = people.stream().limit(MAX_LISTED)
                .map(v -> List.of(Markup.Button.callback(Txt.literal(v.realName()), "team:" + action + ":" + team.id() + ":" + v.id())))
                .toList();
        if (rows.isEmpty()) {
            return turn.reply(Txt.of(appoint ? "team.nobody_to_appoint" : "team.nobody_to_remove", Txt.literal(team.name())));
        }
        return turn.reply(Txt.of(appoint ? "team.pick_leader" : "team.pick_unleader", Txt.literal(team.name())), new Markup.Inline(rows));
    }

    private List<Outbound> changeLeader(Turn turn, Team team, String volunteerId, boolean appoint) {
        Optional<Volunteer> person = parseId(volunteerId).flatMap(volunteers::byId);
        if (person.isEmpty() || teams.member(team.id(), person.get().id()).isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        List<Outbound> out = new ArrayList<>(appointments.change(turn, team, person.get(), appoint));
        out.add(0, turn.toast(Txt.of(appoint ? "team.appointed_short" : "team.removed_short")));
        return out;
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
