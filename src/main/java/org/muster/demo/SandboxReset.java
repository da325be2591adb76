package org.muster.demo;

import org.muster.conversation.FlowEngine;
import org.muster.sandbox.ConditionalOnSandbox;
import org.muster.sandbox.SandboxPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Empties the sandbox: the emulated Telegram's people and chats, their conversations in Redis, and
 * Muster's records in PostgreSQL (every row but Flyway's history and the catalog the application
 * writes at start-up). Sandbox mode only, like every bean of this package: the records of a sandbox
 * are the sandbox's own. The bot, its commands, the schema and the catalog stay, so Muster goes on
 * working, and a new person can sign up at once.
 */
@Component
@ConditionalOnSandbox
class SandboxReset {

    private static final Logger log = LoggerFactory.getLogger(SandboxReset.class);

    /** What was removed, for the page. */
    record Done(int people, int chats, int conversations, int tables) {

        boolean anything() {
            return people > 0 || chats > 0;
        }
    }

    private final SandboxPeople telegram;
    private final FlowEngine conversations;
    private final DemoRepository records;

    SandboxReset(SandboxPeople telegram, FlowEngine conversations, DemoRepository records) {
        this.telegram = telegram;
        this.conversations = conversations;
        this.records = records;
    }

    /** The world first, so that no new update about the old people arrives while their records go. */
    synchronized Done reset() {
        SandboxPeople.Cleared cleared = telegram.clear();
        int ended = 0;
        for (long chat : cleared.chats()) {
            ended += conversations.forgetChat(chat);
        }
        int tables = records.clearAll();
        log.info("sandbox reset: {} people, {} chats, {} conversations and the rows of {} tables removed", cleared.people(),
                cleared.chats().size(), ended, tables);
        return new Done(cleared.people(), cleared.chats().size(), ended, tables);
    }
}
