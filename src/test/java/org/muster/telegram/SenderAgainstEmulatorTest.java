package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * The one sender against the emulator over HTTP: Telegram's flood limits (429 + retry_after),
 * pacing that stays under them, a bot removed from a group (403), a group that became a supergroup.
 */
@EndToEndTest
class SenderAgainstEmulatorTest {

    @LocalServerPort
    int port;

    @Autowired
    ChatSender sender;

    @Autowired
    BotConnection connection;

    @Autowired
    TelegramProperties properties;

    @Autowired
    UnifiedJedis redis;

    @Autowired
    Texts texts;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.beans.factory.ObjectProvider<org.muster.conversation.CommandCatalog> commands;

    @Autowired
    org.springframework.beans.factory.ObjectProvider<org.muster.conversation.BotProfile> botProfile;

    @Autowired
    EndToEndConfiguration.RecordedEvents recorded;

    private SandboxClient sandbox;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
    }

    @AfterEach
    void floodLimitsOff() {
        sandbox.settings(Map.of("flood_limits", false));
    }

    private static Outbound.Send text(long chat, String text) {
        return new Outbound.Send(chat, Txt.literal(text), null, null, Languages.ENGLISH);
    }

    private double rateLimited() {
        return meters.find("muster.telegram.rate_limited").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void theEmulatorAnswers429PastTheLimitAndTheSenderWaitsAndDeliversEverything() throws Exception {
        long user = sandbox.createUser("Flood", "en");
        long chat = sandbox.privateChat(user);
        sandbox.say(chat, user, "hi");
        sandbox.settings(Map.of("flood_limits", true));

        List<Integer> statuses = new ArrayList<>();
        JsonNode refusal = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = sandbox.raw(HttpRequest.newBuilder(
                            URI.create(sandbox.base() + "/bot1000000001:sandbox/sendMessage"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":" + chat + ",\"text\":\"raw " + i + "\"}"))
                    .build());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refusal = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
            }
        }
        assertThat(statuses).contains(200, 429);
        assertThat(refusal.path("description").asString()).startsWith("Too Many Requests: retry after ");
        assertThat(refusal.path("parameters").path("retry_after").asInt()).isPositive();

        double before = rateLimited();
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(sender.send(text(chat, "paced " + i)).join());
        }

        assertThat(results).allMatch(SendResult::ok);
        assertThat(rateLimited()).as("the sender met 429s and sat them out").isGreaterThan(before);
        assertThat(SandboxClient.texts(sandbox.messages(chat, 0)))
                .containsSubsequence("paced 0", "paced 1", "paced 2", "paced 3");
    }

    @Test
    void pacingInRedisKeepsUnderTheLimitSoNo429IsMet() {
        long user = sandbox.createUser("Paced", "en");
        long chat = sandbox.privateChat(user);
        sandbox.say(chat, user, "hi");
        sandbox.settings(Map.of("flood_limits", true));
        TelegramProperties paced = new TelegramProperties(null, properties.apiUrl(), properties.mode(), null, null,
                properties.webhookPath(), properties.polling(),
                new TelegramProperties.Pacing(true, 30, 5, 1, 3, 20, 20), properties.retry(), 2);
        TelegramChatSender pacedSender = new TelegramChatSender(connection, new SendPacer(redis, paced), texts, events, paced, meters,
                commands, botProfile);
        double before = rateLimited();

        for (int i = 0; i < 5; i++) {
            assertThat(pacedSender.send(text(chat, "steady " + i)).join().ok()).isTrue();
        }

        assertThat(rateLimited()).isEqualTo(before);
    }

    @Test
    void aBotRemovedFromAGroupOrBlockedByAUserBecomesAnEvent() {
        long user = sandbox.createUser("Leader", "zh");
        long group = sandbox.group("Removed team", user);
        sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/sandbox/api/chats/" + group + "/members/bot")).DELETE().build());
        long blocker = sandbox.createUser("Blocker", "zh");
        long privateChat = sandbox.privateChat(blocker);
        sandbox.say(privateChat, blocker, "/start");
        sandbox.post("/sandbox/api/chats/" + blocker + "/block", Map.of());

        SendResult toGroup = sender.send(text(group, "anyone there?")).join();
        SendResult toUser = sender.send(text(privateChat, "hello?")).join();

        assertThat(toGroup).isEqualTo(new SendResult.Refused(SendResult.Reason.UNREACHABLE, "Forbidden: bot was kicked from the supergroup chat"));
        assertThat(toUser).isEqualTo(new SendResult.Refused(SendResult.Reason.UNREACHABLE, "Forbidden: bot was blocked by the user"));
        assertThat(recorded.removed).extracting(r -> r.chatId()).contains(group, privateChat);
    }

    /** A message longer than Telegram takes arrives whole, as several, the buttons under the last. */
    @Test
    void aMessageOverTelegramsLimitArrivesInPartsWithNothingLost() {
        long user = sandbox.createUser("Reader", "zh");
        long chat = sandbox.privateChat(user);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append(i == 0 ? "" : "\n").append("第").append(i).append("行 ").append("字".repeat(20));
        }
        int before = sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElse(0);

        SendResult result = sender.send(new Outbound.Send(chat, Txt.literal(text.toString()),
                org.muster.conversation.Markup.Inline.of(List.of(org.muster.conversation.Markup.Button.callback(
                        Txt.literal("OK"), "noop:1"))), null, java.util.Locale.SIMPLIFIED_CHINESE)).join();

        assertThat(result.ok()).isTrue();
        List<JsonNode> parts = sandbox.messages(chat, before);
        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(String.join("\n", SandboxClient.texts(parts))).isEqualTo(text.toString());
        assertThat(SandboxClient.buttonLabels(parts.get(parts.size() - 1))).containsExactly("OK");
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(SandboxClient.buttonLabels(p)).isEmpty());
    }

    /**
     * The send may learn of the removal before Muster has recorded the group at all (its join notice
     * still in the queue): that used to end in a foreign-key violation on {@code subscription}.
     */
    @Test
    void aRemovalLearnedBeforeTheGroupWasEverRecordedIsTakenQuietly() {
        long neverRecorded = -1_009_000_000_000L - java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000);

        events.publishEvent(new org.muster.conversation.BotRemovedFromChat(neverRecorded, "Forbidden: bot was kicked from the group chat"));

        assertThat(recorded.removed).extracting(r -> r.chatId()).contains(neverRecorded);
    }

    @Test
    void aSendToAGroupThatBecameASupergroupFollowsItAndTellsTheFeatures() {
        long user = sandbox.createUser("Mover", "zh");
        long group = sandbox.post("/sandbox/api/chats", Map.of("type", "group", "title", "Town 5", "members", List.of(user)))
                .path("id").asLong();
        long supergroup = sandbox.post("/sandbox/api/chats/" + group + "/migrate", Map.of()).path("id").asLong();

        SendResult result = sender.send(text(group, "roster for tomorrow")).orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();

        assertThat(result.ok()).isTrue();
        assertThat(recorded.moved).anyMatch(m -> m.fromChatId() == group && m.toChatId() == supergroup);
        assertThat(SandboxClient.texts(sandbox.botMessagesUntil(supergroup, 0, Duration.ofSeconds(5),
                list -> list.stream().anyMatch(m -> m.path("text").asString().equals("roster for tomorrow")))))
                .contains("roster for tomorrow");
    }
}
