package org.muster.conversation;

import java.util.List;

/**
 * Handles {@code /start <payload>} for payloads that start with {@code prefix}: what a deep link
 * such as {@code https://t.me/bot?start=join_ab12} brings into the private chat.
 */
public interface DeepLinkHandler {

    String prefix();

    List<Outbound> handle(Turn turn, String payload);
}
