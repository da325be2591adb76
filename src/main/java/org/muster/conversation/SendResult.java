package org.muster.conversation;

/** How an {@link Outbound} ended. Sending never throws; callers that care look at this. */
public sealed interface SendResult {

    boolean ok();

    /**
     * Not sent because this instance is stopping. For the reply of a webhook update it is handed back:
     * kept in Redis, and the update answered so that Telegram delivers it again to another instance,
     * which sends it ({@code UnsentReplies}). For everyone else it is a {@link Reason#GAVE_UP}.
     */
    Refused SHUTTING_DOWN = new Refused(Reason.GAVE_UP, "shutting down");

    /** This instance stopped before sending it ({@link #SHUTTING_DOWN}). */
    default boolean stopped() {
        return SHUTTING_DOWN.equals(this);
    }

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
