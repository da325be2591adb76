package org.muster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import tools.jackson.databind.JsonNode;

/** What the sandbox page stands on: its files, the change poll, and a slow bot on request. */
class SandboxPageApiTest extends SandboxTestBase {

    @Test
    void thePageAndItsFilesAreServedAndNothingElse() {
        assertThat(new String(control.bytes("/sandbox"), java.nio.charset.StandardCharsets.UTF_8)).contains("<script src=\"/sandbox/page/app.js\">");
        assertThat(new String(control.bytes("/sandbox/page/app.js"), java.nio.charset.StandardCharsets.UTF_8)).contains("/sandbox/api/changes");
        assertThat(control.call("GET", "/sandbox/page/..%2Fapplication.yml", null).status()).isIn(400, 404);
        assertThat(control.call("GET", "/sandbox/page/secret.txt", null).status()).isEqualTo(404);
    }

    @Test
    void theChangePollAnswersAtOnceWhenBehindAndWhenTheWorldMoves() throws Exception {
        JsonNode now = control.get("/sandbox/api/changes?after=-1&timeout=0");
        long version = now.path("version").asLong();
        assertThat(now.path("epoch").asString()).isNotEmpty();

        int before = control.held("change_polls");
        CompletableFuture<JsonNode> held = CompletableFuture.supplyAsync(() -> control.get("/sandbox/api/changes?after=" + version + "&timeout=20"));
        control.awaitHeld("change_polls", before + 1);
        assertThat(held).isNotDone();
        long user = control.privateChat("Poller");
        control.say(user, user, "hello");

        assertThat(held.get(10, TimeUnit.SECONDS).path("version").asLong()).isGreaterThan(version);
        // behind: answered at once, not held for its 30 seconds
        JsonNode same = control.getUnheld("/sandbox/api/changes?after=" + version + "&timeout=30");
        assertThat(same.path("version").asLong()).isNotEqualTo(version);
    }

    @Test
    void aLatencyHoldsBotApiCallsAndSwitchingItOffLetsThemThrough() throws Exception {
        long user = control.privateChat("Patient");
        control.post("/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", 30_000));
        try {
            CompletableFuture<?> sending = CompletableFuture.runAsync(() -> {
                try {
                    telegram.execute(SendMessage.builder().chatId(user).text("slowly").build());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // held by the latency: not sent, not answered
            control.awaitHeld("delayed_calls", 1);
            assertThat(sending).isNotDone();
            assertThat(control.get("/sandbox/api/chats/" + user + "/messages?after=0").toString()).doesNotContain("slowly");
            // switching it off lets the held call through
            control.post("/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", 0));
            sending.get(10, TimeUnit.SECONDS);
            assertThat(control.get("/sandbox/api/chats/" + user + "/messages?after=0").toString()).contains("slowly");
        } finally {
            control.post("/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", 0));
        }
        assertThat(control.call("POST", "/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", -1)).status()).isEqualTo(400);
    }
}
