package org.muster.broadcast;

import java.util.Locale;

import org.muster.conversation.Languages;

/** A broadcast as its content renderer sees it. {@code language} is the sender's, for private recipients without one. */
public record Broadcast(long id, String kind, Long activityId, String text, long createdBy, String language) {

    public Locale locale() {
        return Languages.fromCode(language).orElse(Languages.CHINESE);
    }
}
