package org.muster.sandbox;

import java.util.Locale;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Privacy mode, on for a new BotFather bot: in groups the bot receives commands (unless addressed
 * to another bot), replies to its own messages, messages that mention it and service messages;
 * everything else stays in the group's transcript. An administrator bot receives everything.
 * With one bot in the sandbox, a bare {@code /command} always counts as meant for it.
 */
@Component
@ConditionalOnSandbox
class PrivacyFilter {

    private final SandboxSettings settings;
    private final BotIdentity bot;

    PrivacyFilter(SandboxSettings settings, BotIdentity bot) {
        this.settings = settings;
        this.bot = bot;
    }

    boolean reachesBot(SandboxChat chat, SandboxMessage message) {
        if (chat.isPrivate()) {
            return true;
        }
        if (!chat.botPresent()) {
            return false;
        }
        if (message.service != null || !settings.privacyMode() || chat.botIsAdmin()) {
            return true;
        }
        if (message.replyToMessageId != null && chat.message(message.replyToMessageId)
                .map(replied -> bot.isBot(replied.fromId)).orElse(false)) {
            return true;
        }
        return message.entities != null && message.text != null && addressesBot(message.text, message.entities);
    }

    private boolean addressesBot(String text, JsonNode entities) {
        String username = "@" + bot.username().toLowerCase(Locale.ROOT);
        for (JsonNode entity : entities) {
            String type = entity.path("type").asString("");
            int offset = entity.path("offset").asInt(0);
            int length = entity.path("length").asInt(0);
            if (offset < 0 || offset + length > text.length()) {
                continue;
            }
            String covered = text.substring(offset, offset + length).toLowerCase(Locale.ROOT);
            if (type.equals("mention") && covered.equals(username)) {
                return true;
            }
            if (type.equals("text_mention") && entity.path("user").path("id").asLong(0) == bot.id()) {
                return true;
            }
            if (type.equals("bot_command") && offset == 0) {
                int at = covered.indexOf('@');
                if (at < 0 || covered.substring(at).equals(username)) {
                    return true;
                }
            }
        }
        return false;
    }
}
