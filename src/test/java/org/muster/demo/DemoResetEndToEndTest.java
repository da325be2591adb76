package org.muster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.muster.MusterApplication;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * A field trial pressed "Load demo" twice and got every person, team and shift twice. Loading the
 * demo again gives one fresh scene; "Reset" empties the sandbox and the records behind it, and
 * Muster goes on working. Whoever opens the application's root finds the page, and the start-up
 * log says where it is.
 */
@EndToEndTest
@ExtendWith(OutputCaptureExtension.class)
class DemoResetEndToEndTest {

    /** Written only by people's actions and the demo: empty after a reset. */
    private static final List<String> RECORDS = List.of("volunteer", "team", "team_member", "group_chat", "subscription",
            "group_welcome", "staff_role", "activity", "enrollment", "call_copy", "broadcast", "broadcast_delivery", "attendance",
            "hours_report", "user_setting");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnifiedJedis redis;

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    /** The outbox has posted the scene's call to its three groups (DemoSceneEndToEndTest follows its counter). */
    private void awaitCallInEveryGroup(SandboxClient sandbox, JsonNode scene) {
        for (JsonNode group : scene.path("groups")) {
            sandbox.botMessagesUntil(group.asLong(), 0, Duration.ofSeconds(15),
                    list -> list.stream().anyMatch(m -> m.path("text").asString().contains("百家湖核酸检测点 · 早班")));
        }
    }

    @Test
    void loadingTheDemoTwiceGivesOneFreshSceneAndSaysSo() {
        SandboxClient sandbox = new SandboxClient(port);
        JsonNode first = sandbox.post("/sandbox/api/demo", Map.of());
        awaitCallInEveryGroup(sandbox, first);

        JsonNode second = sandbox.post("/sandbox/api/demo", Map.of());

        // the answer says that the earlier sandbox was cleared first
        assertThat(second.path("reset").path("people").asInt()).isGreaterThanOrEqualTo(15);
        assertThat(second.path("reset").path("chats").asInt()).isGreaterThanOrEqualTo(3);
        awaitCallInEveryGroup(sandbox, second);

        // the emulated Telegram holds one scene: fifteen people with different names, three groups
        List<JsonNode> users = sandbox.get("/sandbox/api/users").valueStream().toList();
        assertThat(users).hasSize(15);
        assertThat(users.stream().map(u -> u.path("first_name").asString()).distinct()).hasSize(15);
        assertThat(users.stream().map(u -> u.path("id").asLong()))
                .doesNotContainAnyElementsOf(first.path("people").valueStream().map(JsonNode::asLong).toList());
        List<JsonNode> groups = sandbox.get("/sandbox/api/chats").valueStream().filter(c -> !c.path("type").asString().equals("private"))
                .toList();
        assertThat(groups.stream().map(c -> c.path("title").asString()))
                .containsExactlyInAnyOrder("百家湖社区志愿者群", "东山街道志愿者群", "江宁区志愿者总群");

        // and so do the records: eleven volunteers, two teams, three groups, three shifts, one coordinator
        assertThat(count("select count(*) from volunteer")).isEqualTo(11);
        assertThat(count("select count(distinct display_name) from volunteer")).isEqualTo(11);
        assertThat(count("select count(*) from team")).isEqualTo(2);
        assertThat(count("select count(distinct name) from team")).isEqualTo(2);
        assertThat(count("select count(*) from team_member")).isEqualTo(10);
        assertThat(count("select count(*) from group_chat")).isEqualTo(3);
        assertThat(count("select count(*) from activity")).isEqualTo(3);
        assertThat(count("select count(*) from staff_role")).isEqualTo(1);
        // no one holds two places at the same time: the clashes came from a second copy of each shift
        assertThat(count("select count(*) from enrollment where status = 'confirmed'")).isEqualTo(3 + 4 + 3);
        assertThat(count("""
                select count(*) from enrollment a join enrollment b on a.volunteer_id = b.volunteer_id and a.activity_id < b.activity_id
                join activity x on x.id = a.activity_id join activity y on y.id = b.activity_id
                where x.starts_at < y.ends_at and y.starts_at < x.ends_at
                """)).isZero();
    }

    @Test
    void resetEmptiesTheSandboxAndItsRecordsAndANewcomerCanSignUpAfterwards() {
        SandboxClient sandbox = new SandboxClient(port);
        Volunteering volunteering = new Volunteering(sandbox);
        JsonNode scene = sandbox.post("/sandbox/api/demo", Map.of());
        awaitCallInEveryGroup(sandbox, scene);
        int areas = count("select count(*) from area");
        int skills = count("select count(*) from skill");
        int migrations = count("select count(*) from flyway_schema_history");
        assertThat(areas).isPositive();
        // a newcomer is half-way through signing up: a conversation in Redis
        long newcomer = scene.path("people").path("孙悦").asLong();
        volunteering.next(newcomer, sandbox.say(newcomer, newcomer, "/start signup"), "真实姓名");
        String conversation = "muster:conv:{" + newcomer + "}:" + newcomer;
        assertThat(redis.exists(conversation)).isTrue();

        JsonNode done = sandbox.post("/sandbox/api/reset", Map.of());

        assertThat(done.path("people").asInt()).isEqualTo(15);
        assertThat(done.path("conversations").asInt()).isPositive();
        assertThat(sandbox.get("/sandbox/api/users").size()).isZero();
        assertThat(sandbox.get("/sandbox/api/chats").size()).isZero();
        assertThat(redis.exists(conversation)).isFalse();
        for (String table : RECORDS) {
            assertThat(count("select count(*) from " + table)).as(table).isZero();
        }
        // the schema and the catalog stay, and so does the bot with its commands
        assertThat(count("select count(*) from area")).isEqualTo(areas);
        assertThat(count("select count(*) from skill")).isEqualTo(skills);
        assertThat(count("select count(*) from flyway_schema_history")).isEqualTo(migrations);
        assertThat(sandbox.get("/sandbox/api/bot").path("commands").size()).isPositive();

        // Muster goes on working: a new person signs up, and is the only volunteer
        long person = sandbox.createUser("林晓", "zh");
        assertThat(volunteering.signUp(person, "林晓", "+8613900139000")).contains("报名成功");
        assertThat(count("select count(*) from volunteer")).isEqualTo(1);
        // a reset of an empty sandbox is harmless
        assertThat(sandbox.post("/sandbox/api/reset", Map.of()).path("people").asInt()).isEqualTo(1);
        assertThat(sandbox.post("/sandbox/api/reset", Map.of()).path("people").asInt()).isZero();
    }

    @Test
    void theRootRedirectsToThePage() throws Exception {
        HttpResponse<String> root = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(root.statusCode()).isIn(302, 303);
        assertThat(root.headers().firstValue("Location")).hasValue("/sandbox");
    }

    @Test
    void theStartUpLogNamesThePageWithItsPortAndContextPath(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MusterApplication.class).profiles("test")
                .run("--server.servlet.context-path=/muster")) {
            int appPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));

            assertThat(output.getOut()).contains("Sandbox page: http://localhost:" + appPort + "/muster/sandbox");
            HttpResponse<String> root = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/muster/")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isIn(302, 303);
            assertThat(root.headers().firstValue("Location")).hasValue("/muster/sandbox");
        }
    }
}
