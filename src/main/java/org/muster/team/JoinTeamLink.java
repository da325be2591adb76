package org.muster.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.muster.conversation.DeepLinkHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.TurnFollowUps;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.VolunteerRegistered;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code /start join_<code>}: the team's join link. Someone not signed up is taken through
 * sign-up first and joins the team when it completes.
 */
@Component
class JoinTeamLink implements DeepLinkHandler {

    static final String PREFIX = "join_";

    private final TeamRepository teams;
    private final Volunteers volunteers;
    private final TurnFollowUps sender;

    JoinTeamLink(TeamRepository teams, Volunteers volunteers, TurnFollowUps sender) {
        this.teams = teams;
        this.volunteers = volunteers;
        this.sender = sender;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public List<Outbound> handle(Turn turn, String code) {
        Optional<Team> team = teams.byCode(code);
        if (team.isEmpty()) {
            return List.of(turn.reply(Txt.of("team.unknown_code")));
        }
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        if (volunteer.isEmpty()) {
            List<Outbound> out = new ArrayList<>();
            out.add(turn.reply(Txt.of("team.signup_first", Txt.literal(team.get().name()))));
            out.addAll(volunteers.startSignup(turn, PREFIX + team.get().joinCode()));
            return out;
        }
        return List.of(turn.reply(joined(team.get(), volunteer.get())));
    }

    private Txt joined(Team team, Volunteer volunteer) {
        return teams.join(team.id(), volunteer.id())
                ? Txt.of("team.joined", Txt.literal(team.name()))
                : Txt.of("team.already_member", Txt.literal(team.name()));
    }

    /** Sign-up done: finish the join it interrupted. */
    @TransactionalEventListener
    // outside the committed transaction: whatever this writes commits before it sends (Spring would
    // otherwise let it join the finished transaction, committed only when that is cleaned up)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onSignedUp(VolunteerRegistered event) {
        if (!event.then().startsWith(PREFIX)) {
            return;
        }
        teams.byCode(event.then().substring(PREFIX.length())).ifPresent(team -> volunteers.byId(event.volunteerId())
                .ifPresent(volunteer -> sender.send(new Outbound.Send(event.userId(), joined(team, volunteer), null, null, event.locale()))));
    }
}
