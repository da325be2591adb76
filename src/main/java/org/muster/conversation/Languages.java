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

    private final List<LanguagePreferences> preferences;
    private final Locale fallback;

    Languages(List<LanguagePreferences> preferences, OrganisationProperties organisation) {
        this.preferences = preferences;
        this.fallback = organisation.defaultLocale();
    }

    public Locale forUser(Sender sender) {
        for (LanguagePreferences source : preferences) {
            Optional<Locale> chosen = source.chosenBy(sender.id());
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return fromCode(sender.languageCode()).orElse(fallback);
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
