package org.muster.language;

import java.util.Locale;
import java.util.Optional;

import org.muster.conversation.LanguagePreferences;
import org.muster.conversation.Languages;
import org.springframework.stereotype.Component;

@Component
class StoredLanguagePreferences implements LanguagePreferences {

    private final LanguageRepository repository;

    StoredLanguagePreferences(LanguageRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Locale> chosenBy(long userId) {
        return repository.find(userId).flatMap(Languages::fromCode);
    }

    @Override
    public Optional<Locale> appLanguageOf(long userId) {
        return repository.appLanguage(userId).flatMap(Languages::fromCode);
    }

    @Override
    public void observe(long userId, String appLanguage) {
        repository.observe(userId, appLanguage);
    }

    @Override
    public void forget(long userId) {
        repository.forget(userId);
    }

    @Override
    public String chosenLanguageSql() {
        return LanguageRepository.CHOSEN;
    }

    @Override
    public String appLanguageSql() {
        return LanguageRepository.APP_LANGUAGE;
    }
}
