package org.muster.recruitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.muster.catalog.Catalog;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.team.Team;
import org.muster.team.Teams;
import org.springframework.stereotype.Component;

/** The question "which team runs this shift?", with the teams whose area overlaps the call's. */
@Component
class AskTeamHandler implements EffectHandler<AskTeam> {

    private static final int LISTED = 20;

    private final Teams teams;
    private final Catalog catalog;

    AskTeamHandler(Teams teams, Catalog catalog) {
        this.teams = teams;
        this.catalog = catalog;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public Class<AskTeam> type() {
        return AskTeam.class;
    }

    @Override
    public List<Outbound> apply(AskTeam effect, Turn turn) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        teams.all().stream()
                .filter(team -> team.areaCode() == null || effect.areaCode() == null
                        || catalog.within(effect.areaCode(), team.areaCode()) || catalog.within(team.areaCode(), effect.areaCode()))
                .limit(LISTED)
                .map(Team::id)
                .forEach(id -> rows.add(List.of(Markup.Button.callback(Txt.literal(teams.team(id).map(Team::name).orElse("")),
                        RecruitFlow.NAME + ":team:" + id))));
        rows.add(List.of(Markup.Button.callback(Txt.of("recruit.team_none"), RecruitFlow.NAME + ":team:none")));
        return List.of(turn.reply(Txt.of("recruit.ask_team"), new Markup.Inline(rows)));
    }
}
