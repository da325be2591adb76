package org.muster.sandbox;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What a scene builder (the demo) may do in the emulated Telegram: make people, open their private
 * chats with the bot, and make groups the bot is in. Everything goes through the same actions as
 * the control API, so Muster hears of the groups exactly as it would from Telegram.
 */
@Component
@ConditionalOnSandbox
public class SandboxPeople {

    private final UserActions actions;
    private final BotIdentity bot;
    private final SandboxWorld world;
    private final UpdateQueue queue;

    SandboxPeople(UserActions actions, BotIdentity bot, SandboxWorld world, UpdateQueue queue) {
        this.actions = actions;
        this.bot = bot;
        this.world = world;
        this.queue = queue;
    }

    /** How many people the emulated Telegram knows (none in a fresh one). */
    public int count() {
        return world.read(() -> world.users().size());
    }

    /** A new Telegram user; returns their id. */
    public long person(String firstName, String lastName, String username, String languageCode) {
        long id = actions.createUser(null, firstName, lastName, username, languageCode).id;
        actions.createChat(ChatType.PRIVATE, null, List.of(id), List.of(), false);
        return id;
    }

    /** A supergroup with these members (the first creates it) and the bot; returns its id. */
    public long group(String title, List<Long> members) {
        return actions.createChat(ChatType.SUPERGROUP, title, members, List.of(), false).id;
    }

    /** What {@link #clear} removed: how many people, and the ids of the chats (a private chat's id is its person's). */
    public record Cleared(int people, List<Long> chats) {
    }

    /**
     * Empties the emulated Telegram: every person and chat, with their transcripts, files and the
     * updates the bot has not taken yet. The bot, its commands and its webhook stay, and no id is
     * handed out again.
     */
    public Cleared clear() {
        return world.write(() -> {
            int people = world.users().size();
            List<Long> chats = world.clear();
            // the queue's lock is taken after the world's, as everywhere
            queue.dropPending();
            return new Cleared(people, chats);
        });
    }

    public String botUsername() {
        return bot.username();
    }
}
