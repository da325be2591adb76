package org.muster.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.StepRejected;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

@Component
class GrantCoordinatorHandler implements EffectHandler<GrantCoordinator> {

    private final StaffRoleRepository roles;
    private final Volunteers volunteers;
    private final Languages languages;
    private final AuditLog audit;

    GrantCoordinatorHandler(StaffRoleRepository roles, Volunteers volunteers, Languages languages, AuditLog audit) {
        this.roles = roles;
        this.volunteers = volunteers;
        this.languages = languages;
        this.audit = audit;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public Class<GrantCoordinator> type() {
        return GrantCoordinator.class;
    }

    @Override
    public List<Outbound> apply(GrantCoordinator effect, Turn turn) {
        Optional<Long> user = effect.userId() != null ? Optional.of(effect.userId())
                : volunteers.byUsername(effect.username()).map(Volunteer::userId);
        if (user.isEmpty()) {
            // the conversation stays at its question: another @username, a contact or an id may follow
            throw new StepRejected(turn.reply(Txt.of("grant.unknown_username", Txt.quote("@" + effect.username()))));
        }
        if (!roles.grant(user.get(), turn.userId())) {
            return List.of(turn.reply(Txt.of("grant.already", user.get())));
        }
        audit.record(turn.userId(), "role.granted", turn.chatId(), Map.of("user", user.get(), "role", "coordinator"));
        // replies go out after the commit: the new coordinator hears of it only if the grant holds
        return List.of(turn.reply(Txt.of("grant.granted", user.get())),
                new Outbound.Send(user.get(), Txt.of("grant.you_coordinate"), null, null, languages.forUserId(user.get())));
    }
}
