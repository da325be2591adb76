package org.muster.sandbox;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** TelegramBots' own long-polling session (deleteWebhook, then 50-second polls) runs against the emulator. */
class LongPollingSessionTest extends SandboxTestBase {

    @Test
    void theLibrarySessionReceivesUpdatesAsTheyComeIn() throws Exception {
        long user = control.privateChat("Session");
        BlockingQueue<Update> received = new LinkedBlockingQueue<>();
        TelegramBotsLongPollingApplication polling = new TelegramBotsLongPollingApplication();
        try {
            polling.registerBot(TOKEN, () -> url(port), new DefaultGetUpdatesGenerator(),
                    (LongPollingSingleThreadUpdateConsumer) received::add);

            control.say(user, user, "/start");
            Update first = received.poll(10, TimeUnit.SECONDS);
            control.awaitHeld("get_updates", 1); // the session is idle in a held poll now, not spinning
            control.say(user, user, "second");
            Update second = received.poll(10, TimeUnit.SECONDS);

            assertThat(first).isNotNull();
            assertThat(first.getMessage().getText()).isEqualTo("/start");
            assertThat(second).isNotNull();
            assertThat(second.getMessage().getText()).isEqualTo("second");
            assertThat(second.getUpdateId()).isEqualTo(first.getUpdateId() + 1);
            assertThat(received).isEmpty();
        } finally {
            polling.close();
            // ends the session's last held poll (409 for it) so no request lingers in the server
            drainUpdates();
        }
    }
}
