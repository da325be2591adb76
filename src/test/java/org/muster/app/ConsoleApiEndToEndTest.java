package org.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The console's API over real HTTP on the demo scene: only signed, fresh initData gets in; roles are
 * checked on every call; the board follows a tap in a group; a leader's check-in from the console
 * shows on the group's roster; a refusal writes nothing.
 */
@EndToEndTest
class ConsoleApiEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private SandboxClient sandbox;
    private JsonNode scene;

    @BeforeEach
    void demo() {
        sandbox = new SandboxClient(port);
        scene = sandbox.post("/sandbox/api/demo", Map.of());
    }

    private long person(String name) {
        return scene.path("people").path(name).asLong();
    }

    private static String initData(long user, Instant authDate) {
        return InitDataSigner.sign(InitDataSigner.SANDBOX_TOKEN, user, "someone", "zh", authDate.getEpochSecond());
    }

    private HttpResponse<String> call(String method, String path, String initData, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (initData != null) {
            request.header("Authorization", "tma " + initData);
        }
        return sandbox.raw(request.build());
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode demoCall(JsonNode board) {
        long id = scene.path("call").asLong();
        return board.path("calls").valueStream().filter(c -> c.path("id").asLong() == id).findFirst().orElseThrow();
    }

    private int refusalsAudited() {
        return jdbc.sql("select count(*) from audit_log where action = 'app.refused'").query(Integer.class).single();
    }

    @Test
    void onlySignedFreshDataGetsInAndEachRefusalIsAudited() {
        long coordinator = scene.path("coordinator").asLong();
        String good = initData(coordinator, Instant.now());
        int before = refusalsAudited();

        assertThat(call("GET", "/app/api/me", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/app/api/board", good.replace("someone", "someona"), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/app/api/board", initData(coordinator, Instant.now().minus(Duration.ofHours(2))), null).body())
                .contains("expired");
        assertThat(call("GET", "/app/api/board", InitDataSigner.sign("1000000002:another", coordinator, "someone", "zh",
                Instant.now().getEpochSecond()), null).statusCode()).isEqualTo(401);
        assertThat(refusalsAudited()).isEqualTo(before + 4);

        JsonNode me = ok(call("GET", "/app/api/me", good, null));
        assertThat(me.path("id").asLong()).isEqualTo(coordinator);
        assertThat(me.path("coordinator").asBoolean()).isTrue();
        assertThat(me.path("language").asString()).isEqualTo("zh");
        assertThat(me.path("timeZone").asString()).as("the organisation's, for the times the console shows").isEqualTo("Asia/Shanghai");
        // the language chosen in chat wins over the app's
        long alex = person("Alex Chen");
        assertThat(ok(call("GET", "/app/api/me", InitDataSigner.sign(InitDataSigner.SANDBOX_TOKEN, alex, "Alex", "zh",
                Instant.now().getEpochSecond()), null)).path("language").asString()).isIn("zh", "en");
        jdbc.sql("insert into user_setting (user_id, language) values (:u, 'en') on conflict (user_id) do update set language = 'en'")
                .param("u", alex).update();
        assertThat(ok(call("GET", "/app/api/me", InitDataSigner.sign(InitDataSigner.SANDBOX_TOKEN, alex, "Alex", "zh",
                Instant.now().getEpochSecond()), null)).path("language").asString()).isEqualTo("en");
    }

    @Test
    void theBoardShowsTheDemoCallAndFollowsATapInAGroup() {
        String coordinator = initData(scene.path("coordinator").asLong(), Instant.now());
        JsonNode call = demoCall(ok(call("GET", "/app/api/board", coordinator, null)));
        assertThat(call.path("confirmed").asInt()).isEqualTo(3);
        assertThat(call.path("slots").asInt()).isEqualTo(20);
        assertThat(call.path("title").asString()).isEqualTo("百家湖核酸检测点 · 早班");

        long huang = person("黄磊");
        long group = scene.path("groups").path("东山街道志愿者群").asLong();
        int copy = sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(15), list -> list.stream()
                        .anyMatch(m -> m.path("text").asString().contains("早班"))).stream()
                .filter(m -> m.path("text").asString().contains("早班")).findFirst().orElseThrow().path("message_id").asInt();
        assertThat(sandbox.toast(sandbox.pressLabel(group, huang, copy, "🙋 我报名"))).contains("报名成功");

        assertThat(demoCall(ok(call("GET", "/app/api/board", coordinator, null))).path("confirmed").asInt()).isEqualTo(4);
    }

    @Test
    void rolesAreCheckedOnEveryCallAndARefusalWritesNothing() {
        String volunteer = initData(person("黄磊"), Instant.now());
        assertThat(call("GET", "/app/api/me", volunteer, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/app/api/board", volunteer, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/app/api/shifts", volunteer, null).statusCode()).isEqualTo(403);
        long today = todaysShift(initData(person("赵敏"), Instant.now())).path("id").asLong();
        long zhou = jdbc.sql("select id from volunteer where telegram_user_id = :u").param("u", person("周婷")).query(Long.class).single();
        String body = "{\"volunteer\":" + zhou + ",\"action\":\"in\"}";
        assertThat(call("POST", "/app/api/shifts/" + today + "/attendance", volunteer, body).statusCode()).isEqualTo(403);
        // the other team's leader, on this team's shift
        assertThat(call("POST", "/app/api/shifts/" + today + "/attendance", initData(person("李强"), Instant.now()), body).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from attendance where activity_id = :a").param("a", today).query(Integer.class).single())
                .isZero();
        // a leader sees the calls of the teams they lead only
        JsonNode board = ok(call("GET", "/app/api/board", initData(person("赵敏"), Instant.now()), null));
        assertThat(board.path("calls").valueStream().map(c -> c.path("id").asLong()).toList()).doesNotContain(scene.path("call").asLong());
        assertThat(call("POST", "/app/api/shifts/" + today + "/attendance", initData(person("赵敏"), Instant.now()), "{\"action\":\"in\"}")
                .statusCode()).isEqualTo(400);
    }

    private JsonNode todaysShift(String leader) {
        JsonNode shifts = ok(call("GET", "/app/api/shifts", leader, null)).path("shifts");
        return shifts.valueStream().filter(s -> s.path("title").asString().equals("东山街道卡口值守")).findFirst().orElseThrow();
    }

    @Test
    void aLeadersCheckInFromTheConsoleShowsOnTheGroupsRoster() {
        long leader = person("赵敏");
        long group = scene.path("groups").path("东山街道志愿者群").asLong();
        JsonNode roster = sandbox.botMessagesUntil(group, sandbox.say(group, leader, "/checkin"), Duration.ofSeconds(15),
                list -> list.stream().anyMatch(m -> m.path("text").asString().contains("签到：东山街道卡口值守"))).stream()
                .filter(m -> m.path("text").asString().contains("签到：东山街道卡口值守")).findFirst().orElseThrow();
        assertThat(SandboxClient.buttonLabels(roster)).contains("⬜ 黄磊");

        String console = initData(leader, Instant.now());
        JsonNode shift = todaysShift(console);
        JsonNode huang = shift.path("roster").valueStream().filter(m -> m.path("name").asString().equals("黄磊")).findFirst().orElseThrow();
        assertThat(huang.path("state").asString()).isEqualTo("none");

        JsonNode answer = ok(call("POST", "/app/api/shifts/" + shift.path("id").asLong() + "/attendance", console,
                "{\"volunteer\":" + huang.path("volunteer").asLong() + ",\"action\":\"in\"}"));
        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(answer.path("message").asString()).contains("黄磊");
        assertThat(answer.path("shift").path("roster").valueStream()
                .filter(m -> m.path("name").asString().equals("黄磊")).findFirst().orElseThrow().path("state").asString()).isEqualTo("in");

        int rosterId = roster.path("message_id").asInt();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> labels = List.of();
        while (System.nanoTime() < deadline) {
            labels = sandbox.messages(group, 0).stream().filter(m -> m.path("message_id").asInt() == rosterId).findFirst()
                    .map(SandboxClient::buttonLabels).orElse(List.of());
            if (!labels.contains("⬜ 黄磊")) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(labels).as("the group's roster, redrawn").doesNotContain("⬜ 黄磊").anyMatch(l -> l.contains("黄磊"));
        assertThat(jdbc.sql("select check_in_how from attendance a join volunteer v on v.id = a.volunteer_id where v.telegram_user_id = :u")
                .param("u", person("黄磊")).query(String.class).single()).isEqualTo("app");
    }

    @Test
    void aCallsPeopleWithPhonesAreForCoordinatorsAndItsLeadersAndEveryViewIsAudited() {
        long call = scene.path("call").asLong();
        int viewsBefore = jdbc.sql("select count(*) from audit_log where action = 'people.viewed' and detail->>'in' = 'console'")
                .query(Integer.class).single();
        JsonNode list = ok(call("GET", "/app/api/calls/" + call + "/people", initData(scene.path("coordinator").asLong(), Instant.now()), null));
        assertThat(list.path("people").valueStream().map(p -> p.path("name").asString()).toList()).containsExactlyInAnyOrder("张伟", "刘洋", "陈静");
        assertThat(list.path("people").valueStream().allMatch(p -> p.path("phone").asString().startsWith("+86")
                && p.path("standing").asString().equals("enrolled"))).isTrue();
        // the call's team leader too; the other team's leader and a volunteer not
        assertThat(call("GET", "/app/api/calls/" + call + "/people", initData(person("李强"), Instant.now()), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/app/api/calls/" + call + "/people", initData(person("赵敏"), Instant.now()), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/app/api/calls/" + call + "/people", initData(person("张伟"), Instant.now()), null).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'people.viewed' and detail->>'in' = 'console'")
                .query(Integer.class).single()).isEqualTo(viewsBefore + 2);
    }

    @Test
    void aLeaderApprovesAndRejectsHoursOfTheirTeamWithTheRulesOfChat() {
        long zhang = jdbc.sql("select id from volunteer where telegram_user_id = :u").param("u", person("张伟")).query(Long.class).single();
        long wu = jdbc.sql("select id from volunteer where telegram_user_id = :u").param("u", person("吴昊")).query(Long.class).single();
        long first = report(zhang, "整理物资");
        long second = report(zhang, "引导排队");
        long otherTeam = report(wu, "卡口登记");
        String leader = initData(person("李强"), Instant.now());

        JsonNode pending = ok(call("GET", "/app/api/hours/pending", leader, null)).path("pending");
        List<Long> ids = pending.valueStream().map(r -> r.path("id").asLong()).toList();
        assertThat(ids).contains(first, second).doesNotContain(otherTeam);
        assertThat(pending.valueStream().filter(r -> r.path("id").asLong() == first).findFirst().orElseThrow().path("volunteer").asString())
                .isEqualTo("张伟");

        assertThat(ok(call("POST", "/app/api/hours/" + first + "/approve", leader, "{}")).path("outcome").asString()).isEqualTo("approved");
        assertThat(call("POST", "/app/api/hours/" + first + "/approve", leader, "{}").statusCode()).as("decided already").isEqualTo(409);
        assertThat(call("POST", "/app/api/hours/" + second + "/reject", leader, "{\"reason\":\" \"}").statusCode()).isEqualTo(400);
        assertThat(ok(call("POST", "/app/api/hours/" + second + "/reject", leader, "{\"reason\":\"那天不在名单上\"}")).path("outcome")
                .asString()).isEqualTo("rejected");
        // another team's leader and a volunteer may not; nothing is written
        assertThat(call("POST", "/app/api/hours/" + otherTeam + "/approve", leader, "{}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/app/api/hours/" + otherTeam + "/approve", initData(person("张伟"), Instant.now()), "{}").statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select status || ':' || coalesce(reject_reason, '') from hours_report where id = any(:ids) order by id")
                .param("ids", new Long[] {first, second, otherTeam}).query(String.class).list())
                .containsExactly("approved:", "rejected:那天不在名单上", "pending:");
        // the volunteer is told, in their private chat
        long chat = sandbox.privateChat(person("张伟"));
        sandbox.botMessagesUntil(chat, 0, Duration.ofSeconds(15), list -> list.stream().anyMatch(m -> m.path("text").asString().contains("那天不在名单上")));
    }

    private long report(long volunteer, String description) {
        return jdbc.sql("""
                insert into hours_report (volunteer_id, source, activity_date, minutes, reported_minutes, description, status)
                values (:v, 'self', :day, 150, 150, :d, 'pending') returning id
                """).param("v", volunteer).param("d", description)
                .param("day", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1)).query(Long.class).single();
    }

    @Test
    void figuresAreForCoordinatorsAndDownloadAsCsvAndAnExcelWorkbookWithDates() throws Exception {
        String coordinator = initData(scene.path("coordinator").asLong(), Instant.now());
        JsonNode figures = ok(call("GET", "/app/api/figures", coordinator, null));
        assertThat(figures.path("now").path("volunteers").asInt()).isGreaterThanOrEqualTo(11);
        assertThat(figures.path("now").path("calls").valueStream().map(c -> c.path("title").asString())).contains("百家湖核酸检测点 · 早班");
        // the demo's shifts of yesterday, now and tomorrow (20 + 6 + 10 places) are in the fill-by-day series, on
        // two days or three (the shift on now began half an hour ago, on one of them just after midnight)
        JsonNode days = figures.path("trends").path("fillByDay");
        assertThat(days.size()).isBetween(2, 3);
        assertThat(days.valueStream().mapToInt(d -> d.path("slots").asInt()).sum()).isGreaterThanOrEqualTo(36);
        assertThat(call("GET", "/app/api/figures", initData(person("赵敏"), Instant.now()), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/app/api/figures.xlsx", initData(person("张伟"), Instant.now()), null).statusCode()).isEqualTo(403);

        HttpResponse<String> csv = call("GET", "/app/api/figures/calls.csv", coordinator, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF招募,开始时间,已报名,名额,满员率").contains("百家湖核酸检测点 · 早班");
        assertThat(call("GET", "/app/api/figures/nothing.csv", coordinator, null).statusCode()).isEqualTo(404);

        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.base() + "/app/api/figures.xlsx"))
                .header("Authorization", "tma " + coordinator).build();
        HttpResponse<byte[]> xlsx = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("muster-figures.xlsx"));
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList())
                    .containsExactly("按区域", "按专长", "招募满员率", "队伍时长", "未到岗", "每月时长", "每日满员率");
            var dayRows = workbook.findSheet("每日满员率").orElseThrow().read();
            assertThat(dayRows.get(1).getCellAsDate(0)).as("a day is a date cell").isPresent();
            var calls = workbook.findSheet("招募满员率").orElseThrow().read();
            assertThat(calls.get(0).getCellText(0)).isEqualTo("招募");
            var demo = calls.stream().filter(r -> "百家湖核酸检测点 · 早班".equals(r.getCellText(0))).findFirst().orElseThrow();
            assertThat(demo.getCellAsDate(1)).as("the start is a date cell").isPresent();
            assertThat(demo.getCellAsNumber(3)).hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(20));
        }
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'figures.exported'").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCoordinatorRetimesRepushesClosesAndCancelsACallWithTheNoticesOfChat() {
        long call = scene.path("call").asLong();
        String coordinator = initData(scene.path("coordinator").asLong(), Instant.now());
        String path = "/app/api/calls/" + call + "/";
        // not a coordinator: refused, nothing changes
        assertThat(call("POST", path + "cancel", initData(person("李强"), Instant.now()), "{}").statusCode()).isEqualTo(403);
        assertThat(call("POST", path + "retime", initData(person("张伟"), Instant.now()), "{\"when\":\"明天 9:00-13:00\"}").statusCode())
                .isEqualTo(403);
        assertThat(status(call)).isEqualTo("open");

        HttpResponse<String> badTime = call("POST", path + "retime", coordinator, "{\"when\":\"某天\"}");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTime.body()).path("message").asString()).contains("没有看懂这个时间");
        JsonNode retimed = ok(call("POST", path + "retime", coordinator, "{\"when\":\"明天 9:00-13:00\"}"));
        assertThat(retimed.path("message").asString()).contains("3 位");
        assertThat(jdbc.sql("select to_char(starts_at at time zone 'Asia/Shanghai', 'HH24:MI') from activity where id = :a").param("a", call)
                .query(String.class).single()).isEqualTo("09:00");

        assertThat(ok(call("POST", path + "repush", coordinator, "{}")).path("outcome").asString()).isEqualTo("repushed");
        assertThat(call("POST", path + "repush", coordinator, "{}").statusCode()).as("again within the minute").isEqualTo(409);

        assertThat(ok(call("POST", path + "close", coordinator, "{}")).path("outcome").asString()).isEqualTo("closed");
        assertThat(call("POST", path + "close", coordinator, "{}").statusCode()).isEqualTo(409);
        assertThat(ok(call("POST", path + "cancel", coordinator, "{}")).path("message").asString()).contains("3 位");
        assertThat(status(call)).isEqualTo("cancelled");
        // everyone enrolled is told, in their private chat, of the new time and of the cancellation
        long chat = sandbox.privateChat(person("张伟"));
        sandbox.botMessagesUntil(chat, 0, Duration.ofSeconds(20), list -> list.stream().anyMatch(m -> m.path("text").asString().contains("取消")));
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('call.retimed', 'call.closed', 'call.cancelled', 'call.repushed') "
                + "and actor_id = :u").param("u", scene.path("coordinator").asLong()).query(Integer.class).single()).isGreaterThanOrEqualTo(4);
    }

    private String status(long call) {
        return jdbc.sql("select status from activity where id = :a").param("a", call).query(String.class).single();
    }

    @Test
    void thePageItsTextsAndTheClientScriptAreServed() {
        HttpResponse<String> page = sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/app/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("telegram-web-app.js", "console.js");
        JsonNode zh = JSON.readTree(sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/app/texts/zh")).build()).body());
        JsonNode en = JSON.readTree(sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/app/texts/en")).build()).body());
        assertThat(zh.path("tab.board").asString()).isEqualTo("招募看板");
        assertThat(en.path("tab.board").asString()).isEqualTo("Calls board");
        assertThat(en.propertyNames()).containsExactlyInAnyOrderElementsOf(zh.propertyNames());
        HttpResponse<String> script = sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/app/telegram-web-app.js")).build());
        assertThat(script.statusCode()).isEqualTo(302);
        assertThat(script.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sandbox/telegram-web-app.js"));
    }
}
