package org.muster.admin;

import org.muster.conversation.Effect;

/** Make someone a coordinator: by Telegram user id, or by the username of a signed-up volunteer. */
record GrantCoordinator(Long userId, String username) implements Effect {
}
