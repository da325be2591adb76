package org.muster.conversation;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Looks up, once per update, the sender's language and roles: the facts the claim brought from Redis
 * ({@link FactsCache}) when they are still good, else one read ({@link SenderFacts}) whose result is
 * kept with the update's done mark; and a write only when their app reports a language other than the
 * one stored.
 */
@Component
class TurnFactory {

    /** The turn, and the facts to keep for the sender's next updates (null when nothing new was read). */
    record Prepared(Turn turn, UpdateLedger.FactsToKeep keep) {
    }

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

    Prepared turnFor(Inbound inbound, UpdateLedger.Claimed claimed) {
        Optional<SenderFacts.Facts> kept = FactsCache.decode(claimed.facts());
        SenderFacts.Facts known = kept.orElseGet(() -> facts.about(inbound.from()));
        Turn turn = new Turn(inbound, languages.forUser(inbound.from(), known), known.roles(), clock.instant(), organisation.timeZone());
        // when the app language was just written, the epoch it raised makes kept facts useless: keep none
        boolean keep = kept.isEmpty() && claimed.factsStamp() != null && !languages.wouldWrite(inbound.from(), known);
        return new Prepared(turn, keep ? new UpdateLedger.FactsToKeep(inbound.from().id(), claimed.factsStamp(),
                FactsCache.encode(known)) : null);
    }
}
