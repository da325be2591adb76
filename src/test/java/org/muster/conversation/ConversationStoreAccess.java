package org.muster.conversation;

import org.springframework.context.ApplicationContext;

/** The running application's conversation store, for tests in other packages (its scans, under any Redis). */
public final class ConversationStoreAccess {

    private ConversationStoreAccess() {
    }

    /** As an erasure does it: every conversation of the user, in any chat. */
    public static int removeAllOf(ApplicationContext context, long userId) {
        return context.getBean(ConversationStore.class).removeAllOf(userId);
    }

    /** As a sandbox reset does it: every conversation in the chat. */
    public static int removeAllIn(ApplicationContext context, long chatId) {
        return context.getBean(ConversationStore.class).removeAllIn(chatId);
    }

    public static String key(ApplicationContext context, long chatId, long userId) {
        return context.getBean(ConversationStore.class).key(chatId, userId);
    }
}
