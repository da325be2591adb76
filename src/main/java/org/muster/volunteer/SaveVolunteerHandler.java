package org.muster.volunteer;

import java.util.List;

import org.muster.conversation.EffectHandler;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

@Component
class SaveVolunteerHandler implements EffectHandler<SaveVolunteer> {

    private final VolunteerRepository repository;
    private final ApplicationEventPublisher events;

    SaveVolunteerHandler(VolunteerRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    @Override
    public Class<SaveVolunteer> type() {
        return SaveVolunteer.class;
    }

    @Override
    public List<Outbound> apply(SaveVolunteer effect, Turn turn) {
        VolunteerRepository.Saved saved = repository.save(effect);
        // listeners act after the commit (see VolunteerRegistered)
        events.publishEvent(new VolunteerRegistered(saved.id(), effect.userId(), saved.created(), effect.then(), turn.locale()));
        if (!saved.created()) {
            return List.of(turn.reply(Txt.of("signup.updated"), new Markup.RemoveKeyboard()));
        }
        String publicId = repository.byUser(effect.userId()).map(VolunteerRecord::publicId).orElse("");
        return List.of(turn.reply(Txt.of("signup.welcome", publicId), new Markup.RemoveKeyboard()));
    }
}
