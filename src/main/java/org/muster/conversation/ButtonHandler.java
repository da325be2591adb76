package org.muster.conversation;

import java.util.List;

/**
 * Handles presses of buttons whose data starts with {@code prefix + ":"}. The data came from a
 * client and may be forged or stale: check who pressed it and that what it names still holds.
 * If the answer has no {@link Outbound.Toast}, an empty one is added.
 */
public interface ButtonHandler {

    String prefix();

    List<Outbound> handle(Turn turn, Inbound.Button button);
}
