package org.muster.sandbox;

import org.springframework.stereotype.Component;

/**
 * What reaches the bot: turns world events into Bot API updates (message, my_chat_member,
 * chat_member, callback_query) and queues those the bot is entitled to. Callers hold the world's
 * lock, so an update shows the world as the event left it.
 */
@Component
@ConditionalOnSandbox
class BotInbox {

    private final UpdateQueue queue;
    private final BotApiJson json;
    private final PrivacyFilter privacy;
    private final SandboxClock clock;
    private final BotIdentity bot;

    BotInbox(UpdateQueue queue, BotApiJson json, PrivacyFilter privacy, SandboxClock clock, BotIdentity bot) {
        this.queue = queue;
        this.json = json;
        this.privacy = privacy;
        this.clock = clock;
        this.bot = bot;
    }

    /** @return the update_id, or null when privacy mode, the bot's absence or allowed_updates kept it away */
    Integer message(SandboxChat chat, SandboxMessage message) {
        Integer updateId = privacy.reachesBot(chat, message) ? queue.enqueue("message", json.message(message)) : null;
        message.delivered = updateId != null;
        return updateId;
    }

    /** The bot's own membership changed: added, removed, promoted, blocked or unblocked. */
    Integer myChatMember(SandboxChat chat, long fromId, MemberStatus before, MemberStatus after) {
        return queue.enqueue("my_chat_member",
                json.chatMemberUpdated(chat, fromId, bot.id(), before, after, clock.unixSeconds()));
    }

    /** Someone else's membership changed; Telegram tells only administrator bots, and only if asked. */
    Integer chatMember(SandboxChat chat, long fromId, long userId, MemberStatus before, MemberStatus after) {
        if (!chat.botIsAdmin()) {
            return null;
        }
        return queue.enqueue("chat_member", json.chatMemberUpdated(chat, fromId, userId, before, after, clock.unixSeconds()));
    }

    Integer callbackQuery(CallbackQueryRecord query) {
        return queue.enqueue("callback_query", json.callbackQuery(query));
    }
}
