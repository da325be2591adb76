package org.muster.team;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** What other features may ask about teams and group chats. */
@Component
public class Teams {

    private final TeamRepository teams;
    private final GroupRepository groups;

    Teams(TeamRepository teams, GroupRepository groups) {
        this.teams = teams;
        this.groups = groups;
    }

    public List<Team> all() {
        return teams.all();
    }

    public Optional<Team> team(long teamId) {
        return teams.byId(teamId);
    }

    public Optional<GroupChat> group(long chatId) {
        return groups.byChat(chatId);
    }

    /** The team's group chat, if one is bound. */
    public Optional<GroupChat> groupOf(long teamId) {
        return groups.ofTeam(teamId);
    }

    public List<TeamMember> members(long teamId) {
        return teams.members(teamId);
    }

    /** True when this Telegram user leads the team. */
    public boolean leads(long userId, long teamId) {
        return teams.leads(userId, teamId);
    }

    /** The teams this volunteer leads. */
    public List<Team> ledBy(long volunteerId) {
        return teams.ledBy(volunteerId);
    }

    public List<Team> teamsOf(long volunteerId) {
        return teams.joinedBy(volunteerId);
    }

    /** The groups the bot is in that want at least some recruitment calls. */
    public List<GroupChat> subscribedGroups() {
        return groups.subscribed();
    }

    /** The subscriptions of every group the bot is in that wants any calls. */
    public List<Subscription> activeSubscriptions() {
        return groups.activeSubscriptions();
    }

    public Subscription subscription(long chatId) {
        return groups.subscription(chatId);
    }
}
