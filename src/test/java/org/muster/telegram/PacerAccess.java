package org.muster.telegram;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

/** The running application's pacer, for tests in other packages that check its buckets still work. */
public final class PacerAccess {

    private PacerAccess() {
    }

    public static Duration tryAcquire(ApplicationContext context, long chatId) {
        return context.getBean(SendPacer.class).tryAcquire(chatId);
    }
}
