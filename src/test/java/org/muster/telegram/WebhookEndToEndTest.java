package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.MusterApplication;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.SandboxClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Webhook mode: at start-up Muster registers its endpoint with the emulator, which then posts
 * updates to it with the secret header. A call without the right secret is refused; a repeated
 * update is handled once.
 */
@SpringBootTest(classes = MusterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"muster.telegram.mode=webhook", "muster.telegram.webhook-secret=test-secret_42"})
@ActiveProfiles("test")
@Import(EndToEndConfiguration.class)
class WebhookEndToEndTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private SandboxClient sandbox;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
    }

    private HttpResponse<String> postUpdate(String secret, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.base() + "/telegram/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return sandbox.raw(request.build());
    }

    private static String update(long updateId, long user, String text) {
        return ("{'update_id':%d,'message':{'message_id':%d,'date':1764554400,'from':{'id':%d,'is_bot':false,'first_name':'Ana'},"
                + "'chat':{'id':%d,'type':'private','first_name':'Ana'},'text':'%s','entities':[{'type':'bot_command','offset':0,'length':%d}]}}")
                .formatted(updateId, 900_000 + updateId % 1000, user, user, text, text.length()).replace('\'', '"');
    }

    @Test
    void theWebhookIsRegisteredAndTheEmulatorDeliversThroughIt() {
        JsonNode webhook = sandbox.get("/sandbox/api/bot").path("webhook");
        assertThat(webhook.path("url").asString()).isEqualTo(sandbox.base() + "/telegram/webhook");
        assertThat(webhook.path("allowed_updates")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("message", "edited_message", "callback_query", "my_chat_member");
        long user = sandbox.createUser("Ana", "en");
        long chat = sandbox.privateChat(user);

        int id = sandbox.say(chat, user, "/help");

        assertThat(sandbox.nextBotMessage(chat, id).path("text").asString()).contains("Commands you can use");
    }

    @Test
    void aCallWithoutTheRightSecretIsRefusedAndCounted() {
        String body = update(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), 4242, "/help");
        double before = meters.get("muster.webhook.calls").tag("answer", "unauthorized").counter().count();
        double okBefore = meters.get("muster.webhook.calls").tag("answer", "ok").counter().count();

        assertThat(postUpdate(null, body).statusCode()).isEqualTo(401);
        assertThat(postUpdate("wrong", body).statusCode()).isEqualTo(401);
        assertThat(postUpdate("test-secret_4", body).statusCode()).isEqualTo(401);
        assertThat(postUpdate("test-secret_42", body).statusCode()).isEqualTo(200);

        assertThat(meters.get("muster.webhook.calls").tag("answer", "unauthorized").counter().count()).isEqualTo(before + 3);
        assertThat(meters.get("muster.webhook.calls").tag("answer", "ok").counter().count()).isGreaterThanOrEqualTo(okBefore + 1);
    }

    @Test
    void aBodyThatIsNotAnUpdateIsRefusedWithAReason() {
        HttpResponse<String> response = postUpdate("test-secret_42", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("not a Telegram update");
    }

    @Test
    void theSameUpdateDeliveredTwiceIsHandledOnce() {
        long user = sandbox.createUser("Ana", "en");
        long chat = sandbox.privateChat(user);
        int before = sandbox.say(chat, user, "hello");
        sandbox.nextBotMessage(chat, before);
        int last = sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElseThrow();
        String body = update(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), user, "/help");

        assertThat(postUpdate("test-secret_42", body).statusCode()).isEqualTo(200);
        assertThat(postUpdate("test-secret_42", body).statusCode()).isEqualTo(200);
        // the answers are sent after the update was handled, and a chat's messages go out in order: the
        // language prompt that a later /lang brings marks the end of whatever the two deliveries caused
        sandbox.say(chat, user, "/lang");
        List<JsonNode> fromBot = sandbox.botMessagesUntil(chat, last, Duration.ofSeconds(15),
                list -> list.stream().anyMatch(m -> SandboxClient.buttonData(m).contains("lang:zh")));
        int prompt = fromBot.stream().filter(m -> SandboxClient.buttonData(m).contains("lang:zh"))
                .mapToInt(m -> m.path("message_id").asInt()).min().orElseThrow();
        List<JsonNode> replies = fromBot.stream().filter(m -> m.path("message_id").asInt() < prompt).toList();
        // the posted update carries no language_code, so Muster answers in the default, Chinese
        assertThat(SandboxClient.texts(replies)).hasSize(1).allMatch(text -> text.startsWith("你可以使用的命令"));
    }

    /** Hostile or broken bodies with the right secret: a 4xx with a reason, never a 500, and the next update is still answered. */
    @Test
    void fuzzedBodiesAreRefusedWithAReasonAndNeverBreakTheEndpoint() {
        List<String> hostile = new java.util.ArrayList<>(List.of("null", "", "[]", "{}", "\"text\"", "42", "true",
                "{\"update_id\":null}", "{\"update_id\":\"x\"}", "{\"update_id\":1e400}", "{\"update_id\":-1}",
                "{\"update_id\":9223372036854775808}", "{\"update_id\":7,\"message\":\"text\"}",
                "{\"update_id\":7,\"message\":{}}", "{\"update_id\":7,\"message\":{\"chat\":null}}",
                "{\"update_id\":7,\"callback_query\":{\"id\":null}}", "[".repeat(5000) + "]".repeat(5000),
                "{\"update_id\":8,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\""
                        + "x".repeat(200_000) + "\"}}"));
        java.util.Random random = new java.util.Random(20261201);
        String valid = update(123_456, 4343, "/help");
        for (int i = 0; i < 300; i++) {
            char[] mutated = valid.toCharArray();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                String noise = "{}[]\":,0-9ea\\\u0000\u00ff";
                mutated[random.nextInt(mutated.length)] = noise.charAt(random.nextInt(noise.length()));
            }
            hostile.add(new String(mutated));
        }

        for (String body : hostile) {
            HttpResponse<String> response = postUpdate("test-secret_42", body);
            assertThat(response.statusCode()).as("answer to %s", body.length() > 80 ? body.substring(0, 80) + "…" : body)
                    .isIn(200, 400, 413);
            if (response.statusCode() == 400) {
                assertThat(response.body()).isNotBlank();
            }
        }
        long user = sandbox.createUser("Fuzz", "en");
        long chat = sandbox.privateChat(user);
        assertThat(sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/help")).path("text").asString()).contains("Commands you can use");
    }
}
