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

    @org.springframework.beans.factory.annotation.Autowired
    redis.clients.jedis.UnifiedJedis redis;

    private static String unsentKey(long updateId) {
        return "muster:update:unsent:" + updateId;
    }

    /** A reply as Muster keeps it in Redis: the Java-serialised record, in Base64. */
    private static String kept(org.muster.conversation.Outbound reply) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(reply);
        }
        return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * kill -9 of an instance after it marked an update done and before its replies left: the webhook
     * call was never answered, so Telegram delivers the update again, perhaps to another instance. That
     * one must not skip it as a duplicate: it sends the replies the dead instance kept, those not sent
     * yet, in their order, and does not handle the update a second time.
     */
    @Test
    void repliesAnInstanceDiedBeforeSendingAreSentWhenTheUpdateComesAgain() throws Exception {
        long user = sandbox.createUser("Ana", "en");
        long chat = sandbox.privateChat(user);
        int start = sandbox.say(chat, user, "hello");
        sandbox.nextBotMessage(chat, start);
        int last = sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElseThrow();

        // a webhook update answered normally: its kept replies are removed once sent
        long answered = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        assertThat(postUpdate("test-secret_42", update(answered, user, "/help")).statusCode()).isEqualTo(200);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (redis.exists(unsentKey(answered)) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(redis.exists(unsentKey(answered))).as("replies kept after they were sent").isFalse();
        last = sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElseThrow();

        // what a dead instance left: the update done, three replies kept, the second already sent (removed)
        long orphaned = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        redis.setbit("muster:update:done:" + (orphaned >>> 16), orphaned & 0xFFFF, true);
        java.util.Locale en = java.util.Locale.ENGLISH;
        redis.hset(unsentKey(orphaned), java.util.Map.of(
                "0", kept(new org.muster.conversation.Outbound.Send(chat, org.muster.conversation.Txt.literal("first, kept"), null, null, en)),
                "2", kept(new org.muster.conversation.Outbound.Send(chat, org.muster.conversation.Txt.literal("third, kept"), null, null, en))));
        redis.pexpire(unsentKey(orphaned), Duration.ofMinutes(1).toMillis());

        assertThat(postUpdate("test-secret_42", update(orphaned, user, "/help")).statusCode()).isEqualTo(200);
        assertThat(postUpdate("test-secret_42", update(orphaned, user, "/help")).statusCode()).as("and once more").isEqualTo(200);
        sandbox.say(chat, user, "/lang");
        List<JsonNode> fromBot = sandbox.botMessagesUntil(chat, last, Duration.ofSeconds(15),
                list -> list.stream().anyMatch(m -> SandboxClient.buttonData(m).contains("lang:zh")));
        int prompt = fromBot.stream().filter(m -> SandboxClient.buttonData(m).contains("lang:zh"))
                .mapToInt(m -> m.path("message_id").asInt()).min().orElseThrow();
        List<JsonNode> before = fromBot.stream().filter(m -> m.path("message_id").asInt() < prompt).toList();
        assertThat(SandboxClient.texts(before)).as("the kept replies, once each; the update not handled again")
                .containsExactly("first, kept", "third, kept");
        assertThat(redis.exists(unsentKey(orphaned))).as("handed over").isFalse();
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
