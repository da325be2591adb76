package org.muster.broadcast;

import java.util.Optional;

import org.muster.conversation.Outbound;

/**
 * Renders the message of one kind of broadcast for one recipient, at the moment it is sent.
 * Implemented by the feature that owns the kind (recruitment: calls; this package: notices).
 */
public interface BroadcastContent {

    /** The broadcast kind this renders: {@code call}, {@code notice}, ... */
    String kind();

    /** The message for {@code chatId}; empty when there is nothing to send any more (a withdrawn call). */
    Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer);

    /** The message reached {@code chatId} as {@code messageId}. */
    default void delivered(Broadcast broadcast, long chatId, int messageId) {
    }
}
