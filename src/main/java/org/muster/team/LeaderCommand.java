package org.muster.team;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        Set<Long> userIds = new LinkedHashSet<>();
        int unknown = 0;
        if (text.replyToUserId() != null && !text.replyToBot()) {
            userIds.add(text.replyToUserId());
        }
        for (Mention mention : text.mentions()) {
            Optional<Long> user = mention.userId() != null ? Optional.of(mention.userId())
                    : volunteers.byUsername(mention.username()).map(Volunteer::userId);
            if (user.isPresent()) {
                userIds.add(user.get());
            } else {
                unknown++;
            }
        }
        if (userIds.isEmpty() && unknown == 0) {
            return List.of(turn.reply(Txt.of("team.leader_usage")));
        }
        List<Volunteer> people = new ArrayList<>();
        for (long user : userIds) {
            Optional<Volunteer> volunteer = volunteers.byUser(user);
            if (volunteer.isPresent()) {
                people.add(volunteer.get());
            } else {
                unknown++;
            }
        }
        people.forEach(person -> appointments.apply(turn, team.get(), person, appoint));
        return List.of(turn.reply(Txt.of(appoint ? "team.leaders_appointed" : "team.leaders_removed",
                people.size(), unknown, Txt.literal(team.get().name()))));
    }
}
