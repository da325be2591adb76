package org.muster.language;

import org.muster.conversation.Effect;

/** Store {@code language} ("zh" or "en") as the user's choice. */
record SaveLanguage(long userId, String language) implements Effect {
}
