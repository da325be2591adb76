package org.muster.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * Where languages are remembered: the one a user chose explicitly (with /lang), which wins, and
 * the one their Telegram app last reported, for messages sent to them outside a conversation.
 *
 * <p>For the sender of an update both are read by {@link SenderFacts}, in the statement that also
 * reads their roles, through {@link #chosenLanguageSql()} and {@link #appLanguageSql()}; the
 * lookups here are for people who did not just write.
 */
public interface LanguagePreferences {

    Optional<Locale> chosenBy(long userId);

    Optional<Locale> appLanguageOf(long userId);

    /** Notes the app language seen in an update ({@code zh} or {@code en}). */
    void observe(long userId, String appLanguage);

    /** An erasure: nothing of the user's languages is kept. */
    void forget(long userId);

    /**
     * A scalar SQL expression: the code ({@code zh}, {@code en}) the user whose Telegram id is the
     * parameter {@code :user} chose, or null; a constant text with no other parameter.
     */
    String chosenLanguageSql();

    /** Like {@link #chosenLanguageSql()}, for the app language last observed. */
    String appLanguageSql();
}
