package org.muster.sandbox;

import org.springframework.stereotype.Component;

/**
 * Whether the bot may act in a chat, with Telegram's refusals: an unknown chat, a user who never
 * opened a private chat with the bot or blocked it, a group the bot was removed from or left, and
 * a group that became a supergroup. Callers hold the world's lock.
 */
@Component
@ConditionalOnSandbox
class ChatAccess {

    private final SandboxWorld world;

    ChatAccess(SandboxWorld world) {
        this.world = world;
    }

    /** The chat the bot is about to write to (send, edit). */
    SandboxChat forSending(long chatId) {
        SandboxChat chat = existing(chatId);
        if (chat.migratedToChatId != null) {
            throw BotApiException.migrated(chat.migratedToChatId);
        }
        if (chat.isPrivate()) {
            if (chat.blocked) {
                throw BotApiException.forbidden("bot was blocked by the user");
            }
            return chat;
        }
        requirePresence(chat);
        return chat;
    }

    /** The chat the bot looks at or tidies (getChat..., deleteMessage): a blocked user does not hide it. */
    SandboxChat forReading(long chatId) {
        SandboxChat chat = existing(chatId);
        if (!chat.isPrivate() && chat.migratedToChatId == null) {
            requirePresence(chat);
        }
        return chat;
    }

    private SandboxChat existing(long chatId) {
        return world.chat(chatId).orElseThrow(() -> chatId > 0 && world.knowsUser(chatId)
                ? BotApiException.forbidden("bot can't initiate conversation with a user")
                : BotApiException.badRequest("chat not found"));
    }

    private static void requirePresence(SandboxChat chat) {
        String kind = chat.type == ChatType.SUPERGROUP ? "supergroup chat" : "group chat";
        if (chat.botStatus == MemberStatus.KICKED) {
            throw BotApiException.forbidden("bot was kicked from the " + kind);
        }
        if (!chat.botPresent()) {
            throw BotApiException.forbidden("bot is not a member of the " + kind);
        }
    }
}
