package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Muster's own polling loop confirms an offset only for updates that were handled: what a crashed
 * or stopped instance did not finish is fetched again by the next one.
 */
@EndToEndTest
class PollingReplayTest {

    @LocalServerPort
    int port;

    @Autowired
    PollingLoop applicationLoop;

    @Autowired
    BotConnection connection;

    @Autowired
    TelegramProperties properties;

    private SandboxClient sandbox;
    private long user;
    private long chat;

    private List<Long> postThree() {
        sandbox = new SandboxClient(port);
        user = sandbox.createUser("Replay", "en");
        chat = sandbox.privateChat(user);
        List<Long> ids = new ArrayList<>();
        for (String text : List.of("first", "second", "third")) {
            ids.add(sandbox.sayRaw(chat, user, text).path("update_id").asLong());
        }
        return ids;
    }

    /** Handles every update but {@code failing}, which is refused as a dying instance refuses it. */
    private PollingLoop loopFailingAt(long failing, List<Long> handled) {
        return new PollingLoop(connection, update -> {
            if (update.path("update_id").asLong() == failing) {
                return CompletableFuture.failedFuture(new RejectedExecutionException("instance going down"));
            }
            handled.add(update.path("update_id").asLong());
            return CompletableFuture.completedFuture(null);
        }, properties);
    }

    private List<Long> fetchedByANewInstance() throws Exception {
        List<Long> fetched = new ArrayList<>();
        new PollingLoop(connection, update -> {
            fetched.add(update.path("update_id").asLong());
            return CompletableFuture.completedFuture(null);
        }, properties).pollOnce();
        return fetched;
    }

    @Test
    void aCrashLosesNothingTheBatchComesAgain() throws Exception {
        applicationLoop.stop();
        try {
            List<Long> ids = postThree();
            List<Long> handled = new ArrayList<>();
            loopFailingAt(ids.get(1), handled).pollOnce();
            // no further poll: the process died here, so Telegram heard of no confirmation

            List<Long> fetched = fetchedByANewInstance();

            assertThat(handled).contains(ids.get(0));
            assertThat(fetched).as("replayed; the dispatcher's de-duplication skips what was done")
                    .containsSubsequence(ids.get(0), ids.get(1), ids.get(2));
        } finally {
            applicationLoop.start();
        }
        answersAfterwards();
    }

    @Test
    void aStoppedInstanceConfirmsOnlyWhatItHandled() throws Exception {
        applicationLoop.stop();
        try {
            List<Long> ids = postThree();
            List<Long> handled = new ArrayList<>();
            PollingLoop stopping = loopFailingAt(ids.get(1), handled);
            stopping.pollOnce();
            stopping.stop();

            List<Long> fetched = fetchedByANewInstance();

            assertThat(handled).contains(ids.get(0));
            assertThat(fetched).doesNotContain(ids.get(0)).containsSubsequence(ids.get(1), ids.get(2));
        } finally {
            applicationLoop.start();
        }
        answersAfterwards();
    }

    private void answersAfterwards() {
        int asked = sandbox.say(chat, user, "/help");
        assertThat(sandbox.botMessagesUntil(chat, asked, Duration.ofSeconds(10), list -> !list.isEmpty())).isNotEmpty();
    }
}
