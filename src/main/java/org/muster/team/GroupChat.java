package org.muster.team;

/** A group chat Muster is or was in; {@code teamId} when it is a team's group. */
public record GroupChat(long chatId, String title, String kind, Long teamId, String language, String botStatus) {

    public boolean botPresent() {
        return "member".equals(botStatus) || "administrator".equals(botStatus);
    }
}
