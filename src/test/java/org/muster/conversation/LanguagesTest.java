package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.muster.support.Fixtures;

/** The sender's language from what the turn read about them, and the app language written only on change; without Spring. */
class LanguagesTest {

    private final List<String> observed = new ArrayList<>();
    private final Languages languages = new Languages(new RecordingPreferences(), Fixtures.organisation());

    private static Sender sender(String languageCode) {
        return new Sender(7, "Wei", null, null, languageCode, false);
    }

    private static SenderFacts.Facts stored(String chosen, String app) {
        return new SenderFacts.Facts(Set.of(), Optional.ofNullable(chosen), Optional.ofNullable(app));
    }

    @Test
    void theAppLanguageAlreadyStoredIsNotWrittenAgain() {
        assertThat(languages.forUser(sender("en-GB"), stored(null, "en"))).isEqualTo(Languages.ENGLISH);
        assertThat(observed).isEmpty();
    }

    @Test
    void aNewOrChangedAppLanguageIsWritten() {
        assertThat(languages.forUser(sender("en"), stored(null, null))).isEqualTo(Languages.ENGLISH);
        assertThat(languages.forUser(sender("zh-hans"), stored(null, "en"))).isEqualTo(Languages.CHINESE);
        assertThat(observed).containsExactly("en", "zh");
    }

    @Test
    void theChosenLanguageWinsAndAnAppWithoutLanguageWritesNothing() {
        assertThat(languages.forUser(sender("en"), stored("zh", "en"))).isEqualTo(Languages.CHINESE);
        assertThat(languages.forUser(sender(null), stored(null, "en"))).as("the organisation's default").isEqualTo(Languages.CHINESE);
        assertThat(observed).isEmpty();
    }

    private final class RecordingPreferences implements LanguagePreferences {

        @Override
        public Optional<Locale> chosenBy(long userId) {
            throw new AssertionError("read with the turn's facts, not on its own");
        }

        @Override
        public Optional<Locale> appLanguageOf(long userId) {
            throw new AssertionError("read with the turn's facts, not on its own");
        }

        @Override
        public void observe(long userId, String appLanguage) {
            observed.add(appLanguage);
        }

        @Override
        public void forget(long userId) {
        }

        @Override
        public String chosenLanguageSql() {
            return "null";
        }

        @Override
        public String appLanguageSql() {
            return "null";
        }
    }
}
