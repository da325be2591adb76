package org.muster.conversation;

/** A chat as Muster needs to know it; a group's title is not personal data, a private chat has none. */
public record ChatRef(long id, ChatKind kind, String title) {

    public boolean isPrivate() {
        return kind == ChatKind.PRIVATE;
    }

    public boolean isGroup() {
        return kind.isGroup();
    }
}
