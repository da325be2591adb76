package org.muster.conversation;

/**
 * The Telegram user behind an inbound event. Names are personal data: {@link #toString()} shows
 * only the id so that a record printed into a log line leaks nothing.
 */
public record Sender(long id, String firstName, String lastName, String username, String languageCode, boolean bot) {

    public String displayName() {
        if (lastName == null || lastName.isBlank()) {
            return firstName == null ? "" : firstName;
        }
        return firstName + " " + lastName;
    }

    @Override
    public String toString() {
        return "user " + id;
    }
}
