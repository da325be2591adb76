package org.muster.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Updates POSTed to a webhook in order, with the secret header, again after a failure. */
class WebhookTest extends SandboxTestBase {

    record Received(String secret, JsonNode update) {
    }

    private HttpServer receiver;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final AtomicReference<String> answerBody = new AtomicReference<>("");

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() throws Exception {
        telegram.execute(DeleteWebhook.builder().dropPendingUpdates(true).build());
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"),
                SandboxJson.parse(body).orElseThrow()));
        boolean fail = failuresToAnswer.getAndDecrement() > 0;
        byte[] answer = fail ? new byte[0] : answerBody.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(fail ? 500 : 200, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void updatesArriveWithTheSecretAndAFailedDeliveryIsRetried() throws Exception {
        long user = control.privateChat("Hook");
        assertThat(telegram.execute(SetWebhook.builder().url(hookUrl()).secretToken("s3cret_-X").build())).isTrue();
        failuresToAnswer.set(1);

        int updateId = control.say(user, user, "/start").get("update_id").asInt();

        Received first = received.poll(5, TimeUnit.SECONDS);
        Received second = received.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.secret()).isEqualTo("s3cret_-X");
        assertThat(first.update().get("update_id").asInt()).isEqualTo(updateId);
        assertThat(second.update()).isEqualTo(first.update());
        assertThat(second.update().get("message").get("text").asString()).isEqualTo("/start");

        WebhookInfo info = telegram.execute(new GetWebhookInfo());
        assertThat(info.getUrl()).isEqualTo(hookUrl());
        assertThat(info.getLastErrorMessage()).isEqualTo("Wrong response from the webhook: 500 Internal Server Error");
        assertThat(info.getLastErrorDate()).isPositive();
        assertThat(info.getMaxConnections()).isEqualTo(40);
    }

    @Test
    void updatesAreDeliveredInOrder() throws Exception {
        long user = control.privateChat("Order");
        telegram.execute(SetWebhook.builder().url(hookUrl()).build());

        for (int i = 0; i < 5; i++) {
            control.say(user, user, "m" + i);
        }

        for (int i = 0; i < 5; i++) {
            Received next = received.poll(5, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.secret()).isNull();
            assertThat(next.update().get("message").get("text").asString()).isEqualTo("m" + i);
        }
    }

    @Test
    void getUpdatesIsRefusedWhileAWebhookIsSet() throws Exception {
        telegram.execute(SetWebhook.builder().url(hookUrl()).build());

        TelegramApiRequestException refusal = refusal(() -> telegram.execute(GetUpdates.builder().timeout(0).build()));

        assertThat(refusal.getErrorCode()).isEqualTo(409);
        assertThat(refusal.getApiResponse()).isEqualTo(
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }

    @Test
    void aMethodInTheWebhookAnswerIsExecuted() throws Exception {
        long user = control.privateChat("Answer");
        answerBody.set("{\"method\":\"sendMessage\",\"chat_id\":" + user + ",\"text\":\"pong\"}");
        telegram.execute(SetWebhook.builder().url(hookUrl()).build());

        control.say(user, user, "ping");

        JsonNode transcript = control.get("/sandbox/api/chats/" + user + "/messages/wait?after=0&timeout=5");
        assertThat(transcript).extracting(message -> message.get("text").asString()).containsExactly("ping", "pong");
    }

    @Test
    void updatesWaitForPollingAfterTheWebhookIsDeleted() throws Exception {
        long user = control.privateChat("Pending");
        telegram.execute(SetWebhook.builder().url("http://127.0.0.1:1/nobody").build());
        control.say(user, user, "kept");
        WebhookInfo failing = telegram.execute(new GetWebhookInfo());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (failing.getLastErrorMessage() == null && System.nanoTime() < deadline) {
            // the emulator tries to deliver at once; its failure is what this waits for
            failing = telegram.execute(new GetWebhookInfo());
        }
        assertThat(failing.getPendingUpdatesCount()).isEqualTo(1);
        assertThat(failing.getLastErrorMessage()).isEqualTo("Connection refused");

        telegram.execute(DeleteWebhook.builder().build());

        assertThat(updates()).extracting(Update::getMessage).extracting(message -> message.getText()).containsExactly("kept");
        assertThat(telegram.execute(new GetWebhookInfo()).getUrl()).isEmpty();
    }
}
