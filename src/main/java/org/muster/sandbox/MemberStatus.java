package org.muster.sandbox;

import java.util.Locale;

/** {@code ChatMember.status} values the emulator produces. */
enum MemberStatus {
    CREATOR, ADMINISTRATOR, MEMBER, LEFT, KICKED;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether someone with this status is in the chat and sees its messages. */
    boolean isPresent() {
        return this == CREATOR || this == ADMINISTRATOR || this == MEMBER;
    }
}
