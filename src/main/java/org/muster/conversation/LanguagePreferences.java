package org.muster.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * Where languages are remembered: the one a user chose explicitly (with /lang), which wins, and
 * the one their Telegram app last reported, for messages sent to them outside a conversation.
 */
public interface LanguagePreferences {

    Optional<Locale> chosenBy(long userId);

    Optional<Locale> appLanguageOf(long userId);

    /** Notes the app language seen in an update ({@code zh} or {@code en}). */
    void observe(long userId, String appLanguage);

    /** An erasure: nothing of the user's languages is kept. */
    void forget(long userId);
}
