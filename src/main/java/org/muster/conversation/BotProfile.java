package org.muster.conversation;

/** Who the bot is on its platform, for links that open its private chat. */
public interface BotProfile {

    String username();

    /** A link that opens the bot's private chat and sends {@code /start payload}. */
    String deepLink(String payload);
}
