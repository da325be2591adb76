package org.muster.team;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.catalog.Catalog;
import org.muster.conversation.BotProfile;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

@Component
class CreateTeamHandler implements EffectHandler<CreateTeam> {

    private final TeamRepository teams;
    private final JoinCodes codes;
    private final Catalog catalog;
    private final BotProfile bot;
    private final AuditLog audit;

    CreateTeamHandler(TeamRepository teams, JoinCodes codes, Catalog catalog, BotProfile bot, AuditLog audit) {
        this.teams = teams;
        this.codes = codes;
        this.catalog = catalog;
        this.bot = bot;
        this.audit = audit;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public Class<CreateTeam> type() {
        return CreateTeam.class;
    }

    @Override
    public List<Outbound> apply(CreateTeam effect, Turn turn) {
        String code = codes.next();
        long id = teams.create(effect.name(), effect.areaCode(), code, effect.createdBy());
        audit.record(turn.userId(), "team.created", turn.chatId(), Map.of("team", id));
        String link = bot.deepLink(JoinTeamLink.PREFIX + code);
        return List.of(turn.reply(
                Txt.of("team.created", Txt.literal(effect.name()), Txt.literal(catalog.pathName(effect.areaCode(), turn.locale())),
                        code, link),
                Markup.Inline.of(List.of(Markup.Button.callback(Txt.of("team.show_button"), "team:show:" + id)))));
    }
}
