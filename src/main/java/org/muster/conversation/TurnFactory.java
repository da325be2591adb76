package org.muster.conversation;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/** Looks up, once per update, the sender's language and roles. */
@Component
class TurnFactory {

    private final Languages languages;
    private final List<RoleSource> roleSources;
    private final Clock clock;
    private final OrganisationProperties organisation;

    TurnFactory(Languages languages, List<RoleSource> roleSources, Clock clock, OrganisationProperties organisation) {
        this.languages = languages;
        this.roleSources = roleSources;
        this.clock = clock;
        this.organisation = organisation;
    }

    Turn turnFor(Inbound inbound) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (RoleSource source : roleSources) {
            roles.addAll(source.rolesOf(inbound.from().id()));
        }
        return new Turn(inbound, languages.forUser(inbound.from()), roles, clock.instant(), organisation.timeZone());
    }
}
