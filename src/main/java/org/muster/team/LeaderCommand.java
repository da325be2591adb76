package org.muster.team;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Mention;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * {@code /leader} in a team's group, by a coordinator: appoints the person whose message it
 * replies to, or the people it mentions, as leaders of the group's team; {@code /leader remove}
 * removes them. The answer in the group names nobody.
 */
@Component
class LeaderCommand implements CommandHandler {

    private final GroupRepository groups;
    private final TeamRepository teams;
    private final Volunteers volunteers;
    private final LeaderAppointments appointments;

    LeaderCommand(GroupRepository groups, TeamRepository teams, Volunteers volunteers, LeaderAppointments appointments) {
        this.groups = groups;
        this.teams = teams;
        this.volunteers = volunteers;
        this.appointments = appointments;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("leader", CommandSpec.Place.GROUP, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        GroupChat group = groups.ensure(turn);
        Optional<Team> team = group.teamId() == null ? Optional.empty() : teams.byId(group.teamId());
        if (team.isEmpty()) {
            return List.of(turn.reply(Txt.of("team.bind_first")));
        }
        boolean appoint = !call.args().toLowerCase(java.util.Locale.ROOT).startsWith("remove");
        Inbound.Text text = (Inbound.Text) turn.inbound();
        // each person as the coordinator pointed at them, to say who could not be found: what they
        // typed (@username), or "the member mentioned by name" / "the member replied to"
        Map<Long, Txt> userIds = new LinkedHashMap<>();
        List<Txt> unknown = new ArrayList<>();
        if (text.replyToUserId() != null && !text.replyToBot()) {
            userIds.put(text.replyToUserId(), Txt.of("team.leader_replied_to"));
        }
        for (Mention mention : text.mentions()) {
            Txt pointed = mention.username() != null ? Txt.quote("@" + mention.username()) : Txt.of("team.leader_mentioned_by_name");
            Optional<Long> user = mention.userId() != null ? Optional.of(mention.userId())
                    : volunteers.byUsername(mention.username()).map(Volunteer::userId);
            if (user.isPresent()) {
                userIds.putIfAbsent(user.get(), pointed);
            } else {
                unknown.add(pointed);
            }
        }
        if (userIds.isEmpty() && unknown.isEmpty()) {
            return List.of(turn.reply(Txt.of("team.leader_usage")));
        }
        List<Volunteer> people = new ArrayList<>();
        userIds.forEach((user, pointed) -> volunteers.byUser(user).ifPresentOrElse(people::add, () -> unknown.add(pointed)));
        people.forEach(person -> appointments.apply(turn, team.get(), person, appoint));
        return List.of(turn.reply(Txt.of(appoint ? "team.leaders_appointed" : "team.leaders_removed",
                people.size(), unknown.size(), Txt.literal(team.get().name()), Txt.join(unknown))));
    }
}
