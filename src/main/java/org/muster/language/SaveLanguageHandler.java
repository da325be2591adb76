package org.muster.language;

import java.util.List;

import org.muster.conversation.EffectHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.springframework.stereotype.Component;

@Component
class SaveLanguageHandler implements EffectHandler<SaveLanguage> {

    private final LanguageRepository repository;

    SaveLanguageHandler(LanguageRepository repository) {
        this.repository = repository;
    }

    @Override
    public Class<SaveLanguage> type() {
        return SaveLanguage.class;
    }

    @Override
    public List<Outbound> apply(SaveLanguage effect, Turn turn) {
        repository.save(effect.userId(), effect.language());
        return List.of();
    }
}
