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

        CompletableFuture<JsonNode> held = CompletableFuture.supplyAsync(() -> control.get("/sandbox/api/changes?after=" + version + "&timeout=20"));
        Thread.sleep(300);
        assertThat(held).isNotDone();
        long user = control.privateChat("Poller");
        control.say(user, user, "hello");

        assertThat(held.get(10, TimeUnit.SECONDS).path("version").asLong()).isGreaterThan(version);
        long started = System.nanoTime();
        JsonNode same = control.get("/sandbox/api/changes?after=" + version + "&timeout=5");
        assertThat(same.path("version").asLong()).isNotEqualTo(version);
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void aLatencyHoldsEveryBotApiCallThatLong() throws Exception {
        long user = control.privateChat("Patient");
        control.post("/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", 800));
        try {
            long started = System.nanoTime();
            telegram.execute(SendMessage.builder().chatId(user).text("slowly").build());
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(800));
        } finally {
            control.post("/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", 0));
        }
        assertThat(control.call("POST", "/sandbox/api/settings", ControlApi.json().put("bot_latency_ms", -1)).status()).isEqualTo(400);
    }
}
