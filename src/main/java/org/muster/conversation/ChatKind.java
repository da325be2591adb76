package org.muster.conversation;

public enum ChatKind {
    PRIVATE, GROUP, SUPERGROUP, CHANNEL;

    public boolean isGroup() {
        return this == GROUP || this == SUPERGROUP;
    }
}
