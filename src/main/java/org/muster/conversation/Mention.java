package org.muster.conversation;

/** A mention in a message: by {@code @username}, or a text mention that carries the user id. */
public record Mention(Long userId, String username) {

    @Override
    public String toString() {
        return userId != null ? "mention of user " + userId : "mention";
    }
}
