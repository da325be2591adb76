package org.muster.conversation;

/**
 * How urgent a message is, for the outbound queues: chats are served in this order, so that an
 * answer in a private chat never waits behind a broadcast. Within one chat, messages keep their order
 * whatever their class.
 */
public enum Traffic {
    /** Answers in private chats (and button answers): someone is looking at the screen. */
    INTERACTIVE,
    /** Answers in groups: still to a person, but paced at 20 a minute per group. */
    REPLY,
    /** Broadcasts, reminders, counter and roster edits: may wait. */
    BULK
}
