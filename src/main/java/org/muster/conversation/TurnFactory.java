package org.muster.conversation;

import java.time.Clock;

import org.springframework.stereotype.Component;

/**
 * Looks up, once per update, the sender's language and roles: one read ({@link SenderFacts}), and a
 * write only when their app reports a language other than the one stored.
 */
@Component
class TurnFactory {

    private final Languages languages;
    private final SenderFacts facts;
    private final Clock clock;
    private final OrganisationProperties organisation;

    TurnFactory(Languages languages, SenderFacts facts, Clock clock, OrganisationProperties organisation) {
        this.languages = languages;
        this.facts = facts;
        this.clock = clock;
        this.organisation = organisation;
    }

    Turn turnFor(Inbound inbound) {
        SenderFacts.Facts known = facts.about(inbound.from());
        return new Turn(inbound, languages.forUser(inbound.from(), known), known.roles(), clock.instant(), organisation.timeZone());
    }
}
