package org.muster.hours;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.muster.conversation.EffectHandler;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/** Rejects the record; a common reason is kept in the words the volunteer reads. */
@Component
class RejectHoursHandler implements EffectHandler<RejectHours> {

    private final Reviews reviews;
    private final ReviewCards cards;
    private final HoursRepository repository;
    private final Volunteers volunteers;
    private final Languages languages;
    private final Texts texts;

    RejectHoursHandler(Reviews reviews, ReviewCards cards, HoursRepository repository, Volunteers volunteers, Languages languages,
                       Texts texts) {
        this.reviews = reviews;
        this.cards = cards;
        this.repository = repository;
        this.volunteers = volunteers;
        this.languages = languages;
        this.texts = texts;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.LEADER, Role.COORDINATOR);
    }

    @Override
    public Class<RejectHours> type() {
        return RejectHours.class;
    }

    @Override
    public List<Outbound> apply(RejectHours effect, Turn turn) {
        String reason = effect.reason();
        if (reason == null) {
            var locale = repository.byId(effect.recordId()).flatMap(r -> volunteers.byId(r.volunteerId())).map(Volunteer::userId)
                    .filter(id -> id != 0).map(languages::forUserId).orElse(turn.locale());
            reason = texts.plain(Txt.of(effect.reasonKey()), locale);
        }
        Reviews.Decision decision = reviews.reject(effect.recordId(), turn.userId(), turn.roles(), reason, turn.chatId());
        List<Outbound> out = new ArrayList<>();
        out.add(turn.reply(ReviewButtons.answer(decision)));
        if (effect.card() != null && decision.outcome() == Reviews.Outcome.REJECTED
                && !Reviews.redraws(decision, turn.chatId(), effect.card())) {
            repository.byId(effect.recordId()).ifPresent(now -> out.add(new Outbound.Edit(turn.chatId(), effect.card(),
                    cards.decided(now), null, turn.locale())));
        }
        out.addAll(decision.notices());
        return out;
    }
}
