package org.muster.sandbox;

import java.util.Locale;
import java.util.Optional;

/** The chat types Muster meets; channels are out of its scope. */
enum ChatType {
    PRIVATE, GROUP, SUPERGROUP;

    /** The name the Bot API uses in {@code Chat.type}. */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isGroup() {
        return this != PRIVATE;
    }

    static Optional<ChatType> fromApiName(String name) {
        for (ChatType type : values()) {
            if (type.apiName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
