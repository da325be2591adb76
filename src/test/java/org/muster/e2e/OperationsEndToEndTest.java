package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What an operator watches: health of PostgreSQL, Redis and the Bot API; metrics; logs free of personal data. */
@EndToEndTest
class OperationsEndToEndTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void healthShowsTheDatabaseRedisAndTheBotApiOnTheManagementPortOnly() {
        JsonNode health = new SandboxClient(managementPort).get("/actuator/health");

        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
        JsonNode telegram = health.path("components").path("telegram");
        assertThat(telegram.path("status").asString()).isEqualTo("UP");
        assertThat(telegram.path("details").path("bot").asString()).isEqualTo("@muster_sandbox_bot");
        assertThat(telegram.path("details").path("sandbox").asBoolean()).isTrue();

        SandboxClient management = new SandboxClient(managementPort);
        assertThat(management.get("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
        JsonNode readiness = management.get("/actuator/health/readiness");
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").propertyNames()).containsExactlyInAnyOrder("db", "redis", "readinessState");
        SandboxClient bot = new SandboxClient(port);
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator")) {
            assertThat(bot.raw(HttpRequest.newBuilder(URI.create(bot.base() + path)).build()).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theCommandMenuIsPublishedInChineseAndEnglishForPrivateChatsAndGroups() {
        JsonNode commands = new SandboxClient(port).get("/sandbox/api/bot").path("commands");

        assertThat(menu(commands, "all_private_chats", "")).contains("lang=切换语言（中文 / English）", "help=查看可用命令")
                .noneMatch(line -> line.startsWith("boom"));
        assertThat(menu(commands, "all_private_chats", "en")).contains("lang=Change language (中文 / English)");
        assertThat(menu(commands, "all_group_chats", "en")).contains("help=Show the commands you can use");
    }

    private static List<String> menu(JsonNode commands, String scope, String language) {
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        commands.forEach(list -> {
            if (list.path("scope").path("type").asString().equals(scope) && list.path("language_code").asString("").equals(language)) {
                list.path("commands").forEach(c -> lines.add(c.path("command").asString() + "=" + c.path("description").asString()));
            }
        });
        return lines;
    }

    @Test
    void prometheusMetricsCountUpdatesStepsSendsAndTheQueue() {
        SandboxClient sandbox = new SandboxClient(port);
        long user = sandbox.createUser("Metric", "en");
        long chat = sandbox.privateChat(user);
        int asked = sandbox.say(chat, user, "/lang");
        sandbox.nextBotMessage(chat, asked);

        SandboxClient management = new SandboxClient(managementPort);
        String metrics = management.raw(HttpRequest.newBuilder(URI.create(management.base() + "/actuator/prometheus")).build()).body();

        assertThat(metrics).contains("muster_updates_seconds_count{kind=\"Text\",outcome=\"handled\"")
                .contains("muster_flow_steps_total{flow=\"lang\",outcome=\"started\"")
                .contains("muster_telegram_send_seconds_count{method=\"sendMessage\",outcome=\"ok\"")
                .contains("muster_dispatch_queued");
    }

    @Test
    void updateHandlingIsAHistogramWithBucketsSoItsPercentilesCanBeRead() {
        SandboxClient sandbox = new SandboxClient(port);
        long user = sandbox.createUser("Bucket", "en");
        long chat = sandbox.privateChat(user);
        sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/help"));

        SandboxClient management = new SandboxClient(managementPort);
        String metrics = management.raw(HttpRequest.newBuilder(URI.create(management.base() + "/actuator/prometheus")).build()).body();

        List<String> buckets = metrics.lines()
                .filter(line -> line.startsWith("muster_updates_seconds_bucket{") && line.contains("kind=\"Text\"")
                        && line.contains("outcome=\"handled\""))
                .toList();
        assertThat(buckets).as("bucket series of handled text updates").hasSizeGreaterThan(10)
                .anyMatch(line -> line.contains("le=\"+Inf\""));
        // the buckets add up: the +Inf one holds every update counted
        double inf = Double.parseDouble(buckets.stream().filter(line -> line.contains("le=\"+Inf\"")).findFirst().orElseThrow()
                .replaceAll(".*\\} ", ""));
        assertThat(inf).isGreaterThanOrEqualTo(1);
        // the outcomes of a kind are there from its first update on, so none is built while an update is handled
        assertThat(metrics).contains("muster_updates_seconds_count{kind=\"Text\",outcome=\"duplicate\"");
    }

    @Test
    void logsCarryIdsButNeverANameOrAPhoneNumber() {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try {
            SandboxClient sandbox = new SandboxClient(port);
            long user = sandbox.createUser("Yingying", "zh");
            long chat = sandbox.privateChat(user);
            int last = sandbox.say(chat, user, "/boom");
            sandbox.nextBotMessage(chat, last);
            last = sandbox.post("/sandbox/api/messages", Map.of("chat_id", chat, "from", user,
                    "contact", Map.of("phone_number", "+8613912345678", "first_name", "Yingying", "user_id", user))).path("message_id").asInt();
            sandbox.nextBotMessage(chat, last);
            last = sandbox.say(chat, user, "/nosuchthing Yingying 13912345678");
            sandbox.nextBotMessage(chat, last);
        } finally {
            root.detachAppender(captured);
        }
        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();

        assertThat(lines).anyMatch(line -> line.contains("update") && line.contains("failed"));
        assertThat(lines).noneMatch(line -> line.contains("Yingying") || line.contains("13912345678"));
    }
}
