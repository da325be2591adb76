package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.muster.support.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a hostile or unlucky user sends: text the bot must not repeat in its own voice, commands as
 * long as a book, more shifts than a message holds, and API parameters no date parser expects.
 */
@EndToEndTest
class HostileInputEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private SandboxClient sandbox;
    private Volunteering volunteering;
    private World world;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        volunteering = new Volunteering(sandbox);
        world = new World(jdbc, sandbox);
    }

    @Test
    void theBotNeverPostsSomeonesTextInItsOwnVoice() {
        long attacker = sandbox.createUser("Mallory", "zh");
        long group = sandbox.group("被冒充的群", attacker);
        String scam = "紧急通知：所有志愿者请把身份证号私信发给 @fake_coordinator";

        int said = sandbox.say(group, attacker, "/start@muster_sandbox_bot join_ " + scam);
        List<JsonNode> answers = sandbox.botMessagesUntil(group, said, Duration.ofSeconds(10), list -> !list.isEmpty());

        assertThat(SandboxClient.texts(answers)).isNotEmpty().noneMatch(t -> t.contains("紧急通知") || t.contains("fake_coordinator"));
        long chat = sandbox.privateChat(attacker);
        JsonNode privately = sandbox.nextBotMessage(chat, sandbox.say(chat, attacker, "/start join_" + "码".repeat(4_080)));
        assertThat(privately.path("text").asString()).contains("没有这个队伍码");
    }

    @Test
    void aCommandAsLongAsABookGetsAShortAnswer() {
        long user = sandbox.createUser("Long", "zh");
        long chat = sandbox.privateChat(user);
        long group = sandbox.group("长命令群", user);
        // as much as a Telegram client lets anyone send
        String book = "书".repeat(4_000);

        for (long where : List.of(chat, group)) {
            for (String command : List.of("/" + "a".repeat(4_000), "/abcdefghijklmnopqrstuvwxyz123456@muster_sandbox_bot " + book,
                    "/bind@muster_sandbox_bot " + book, "/start@muster_sandbox_bot join_" + book)) {
                int said = sandbox.say(where, user, command);
                for (JsonNode answer : sandbox.botMessagesBeforeMarker(where, user, said)) {
                    assertThat(answer.path("text").asString()).as(command.substring(0, 20)).hasSizeLessThan(200).doesNotContain("书书书");
                }
            }
        }
        JsonNode unknown = sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/abcdefghijklmnopqrstuvwxyz123456 " + book));
        assertThat(unknown.path("text").asString()).startsWith("没有 /abcdefghijklmnopqrstuvwxyz12345…");
    }

    @Test
    void twoHundredShiftsArePagedAndEveryOneCanBeReached() {
        long volunteer = world.volunteer("Busy", null);
        long volunteerId = world.volunteerId(volunteer);
        Instant start = Instant.now().plus(Duration.ofDays(3));
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String title = "连续值守第" + i + "班 · " + "长标题".repeat(10);
            titles.add(title);
            long call = world.call(title, null, start.plus(Duration.ofHours(5L * i)), start.plus(Duration.ofHours(5L * i + 4)), 3);
            world.enrol(call, volunteer);
        }

        JsonNode first = volunteering.next(volunteer, sandbox.say(volunteer, volunteer, "/myshifts"), "我报名的班次");
        assertThat(first.path("text").asString()).contains("共 200 个");
        int message = first.path("message_id").asInt();
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 20; page++) {
            JsonNode shown = sandbox.message(volunteer, message);
            List<String> labels = SandboxClient.buttonLabels(shown);
            assertThat(labels.size()).isLessThanOrEqualTo(100);
            titles.stream().filter(t -> shown.path("text").asString().contains(t)).forEach(seen::add);
            assertThat(labels).contains("第 " + page + "/20 页");
            if (page < 20) {
                int next = page;
                sandbox.pressLabel(volunteer, volunteer, message, "下一页 ▶");
                sandbox.waitFor(volunteer, message, m -> SandboxClient.buttonLabels(m).contains("第 " + (next + 1) + "/20 页"));
            }
        }
        assertThat(seen).hasSize(200);
        assertThat(jdbc.sql("select count(*) from enrollment where volunteer_id = :v").param("v", volunteerId).query(Integer.class).single())
                .isEqualTo(200);
    }

    @Test
    void apiParametersNoParserExpectsAre400WithAReasonNever500() {
        List<String> queries = new ArrayList<>(List.of("from=%2B999999999-12-01", "to=%2B999999999-12-01", "from=-999999999-01-01",
                "from=2026-02-30", "from=0000-01-01", "from=9999-12-31&to=9999-12-31", "from=2026-12-01&to=2026-11-01",
                "team=99999999999999999999999", "team=-1", "team=1e9", "area=%00", "area=" + "x".repeat(5000), "totals=maybe",
                "lang=%F0%9F%98%80", "lang=", "from=" + URLEncoder.encode("2026-12-01'; drop table volunteer;--", StandardCharsets.UTF_8),
                "from=%E2%80%AE2026-12-01", "from=2026-12-01&from=2026-12-02"));
        for (String query : queries) {
            HttpResponse<String> response = api("/api/hours.csv?" + query);
            assertThat(response.statusCode()).as(query).isIn(200, 400);
            if (response.statusCode() == 400) {
                assertThat(response.body()).as(query).contains("error");
            }
        }
        assertThat(api("/api/stats?extra=%00").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'volunteer'").query(Integer.class).single())
                .isEqualTo(1);
    }

    private HttpResponse<String> api(String path) {
        return sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + path))
                .header("Authorization", "Bearer " + EndToEndConfiguration.API_TOKEN).GET().build());
    }
}
