package org.muster.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Picks the language to answer a user in: the one they chose with /lang, else the one their
 * Telegram app reports, else the organisation's default. Muster speaks Chinese and English; any
 * other app language gets English, which more people read than they would Chinese.
 */
@Component
public class Languages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

    private final LanguagePreferences preferences;
    private final Locale fallback;

    Languages(LanguagePreferences preferences, OrganisationProperties organisation) {
        this.preferences = preferences;
        this.fallback = organisation.defaultLocale();
    }

    /**
     * For answering someone who just wrote, from what was read about them: also notes the language
     * their app reports, when it is not the one already stored (most updates write nothing).
     */
    Locale forUser(Sender sender, SenderFacts.Facts known) {
        Optional<Locale> app = fromCode(sender.languageCode());
        if (wouldWrite(sender, known)) {
            preferences.observe(sender.id(), app.map(Languages::code).orElseThrow());
        }
        return known.chosenLanguage().flatMap(Languages::fromCode).or(() -> app).orElse(fallback);
    }

    /** True when the sender's app reports a language other than the one stored, which {@link #forUser} then writes. */
    boolean wouldWrite(Sender sender, SenderFacts.Facts known) {
        return fromCode(sender.languageCode()).map(Languages::code)
                .filter(reported -> !known.appLanguage().equals(Optional.of(reported)))
                .isPresent();
    }

    /** For writing to someone who did not just write: their choice, else their app's last known language. */
    public Locale forUserId(long userId) {
        return preferences.chosenBy(userId).or(() -> preferences.appLanguageOf(userId)).orElse(fallback);
    }

    /** The language the user chose with /lang, if they did. */
    public Optional<Locale> chosenBy(long userId) {
        return preferences.chosenBy(userId);
    }

    public Locale fallback() {
        return fallback;
    }

    /** "zh", "zh-hans", "zh-CN" → Chinese; "en-GB" → English; any other code → English; none → empty. */
    public static Optional<Locale> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String lower = code.toLowerCase(Locale.ROOT);
        return Optional.of(lower.startsWith("zh") ? CHINESE : ENGLISH);
    }

    /** The short code stored and shown: "zh" or "en". */
    public static String code(Locale locale) {
        return CHINESE.getLanguage().equals(locale.getLanguage()) ? "zh" : "en";
    }
}
