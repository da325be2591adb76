package org.muster.conversation;

import java.util.Locale;
import java.util.Optional;

/** A language the user chose explicitly (with /lang), which wins over the app's language setting. */
public interface LanguagePreferences {

    Optional<Locale> chosenBy(long userId);
}
