package org.muster.conversation;

/** How an {@link Outbound} ended. Sending never throws; callers that care look at this. */
public sealed interface SendResult {

    boolean ok();

    /**
     * Done; {@code messageId} is the new message's id for a send, else 0, and {@code chatId} the
     * chat it went to (another than asked if the group had become a supergroup).
     */
    record Sent(int messageId, long chatId) implements SendResult {
        @Override
        public boolean ok() {
            return true;
        }
    }

    /** Refused for good: the bot was blocked or removed, or the request was invalid. */
    record Refused(Reason reason, String description) implements SendResult {
        @Override
        public boolean ok() {
            return false;
        }
    }

    enum Reason {
        /** 403: blocked by the user, kicked from the group, or never allowed to write there. */
        UNREACHABLE,
        /** 400 and the like: the platform rejected what was asked. */
        REJECTED,
        /** Network errors or 5xx outlasted the retries. */
        GAVE_UP
    }
}
