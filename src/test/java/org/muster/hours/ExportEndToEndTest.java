package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.ClockedEndToEndTest;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.MutableClock;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.muster.support.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /export and /stats in the chat, and the same over the HTTP API. Today is the clock's day ten hours after its start. */
@ClockedEndToEndTest
class ExportEndToEndTest {

    private static final Instant NOW = ClockedEndToEndTest.START.plus(Duration.ofHours(10));
    private static final LocalDate TODAY = NOW.atZone(ClockedEndToEndTest.ZONE).toLocalDate();
    private static final String AWKWARD = "张, \"小\"\n明";
    private static final long COORDINATOR = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    private SandboxClient sandbox;
    private World world;
    private Volunteering volunteering;
    private long team;
    private long awkward;
    private long plain;
    private long forgotten;
    private String forgottenId;

    @BeforeEach
    void approvedHours() {
        clock.set(NOW);
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        long leader = world.volunteer("Lead", null);
        awkward = world.volunteer("Awk", null);
        plain = world.volunteer("Plain", null);
        forgotten = world.volunteer("Gone", null);
        jdbc.sql("update volunteer set real_name = :n where telegram_user_id = :u").param("n", AWKWARD).param("u", awkward).update();
        long[] teamAndGroup = world.teamWithGroup("导出测试队" + System.nanoTime() % 100000, leader, List.of(awkward, plain, forgotten));
        team = teamAndGroup[0];
        Instant start = ClockedEndToEndTest.START;
        long call = world.call("核酸检测点早班", team, start, start.plus(Duration.ofHours(4)), 10);
        long approvedA = world.hours(awkward, call, null, TODAY, 240, "attendance", "approved");
        world.hours(plain, call, null, TODAY, 180, "self", "approved");
        world.hours(plain, null, "社区防疫宣传", TODAY, 90, "self", "approved");
        world.hours(forgotten, call, null, TODAY, 200, "self", "approved");
        world.hours(leader, null, "还在审核", TODAY, 60, "self", "pending");
        world.hours(leader, null, "被驳回", TODAY, 60, "self", "rejected");
        jdbc.sql("update hours_report set reviewed_by = :l, reviewed_at = now() where id = :id").param("l", leader).param("id", approvedA).update();
        forgottenId = jdbc.sql("select public_id from volunteer where telegram_user_id = :u").param("u", forgotten).query(String.class).single();

        JsonNode question = volunteering.next(forgotten, sandbox.say(forgotten, forgotten, "/forgetme"), "确定要删除");
        sandbox.pressLabel(forgotten, forgotten, question.path("message_id").asInt(), "确定删除");
        volunteering.next(forgotten, question.path("message_id").asInt(), "已删除");

        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
    }

    /** What the database says the team's export must hold: record id → minutes. */
    private Map<String, Integer> expected() {
        Map<String, Integer> rows = new HashMap<>();
        jdbc.sql("""
                select h.id, h.minutes from hours_report h left join activity a on a.id = h.activity_id
                where h.status = 'approved' and h.activity_date = :d
                  and (a.team_id = :t or (h.activity_id is null and exists (select 1 from team_member m
                                                                            where m.volunteer_id = h.volunteer_id and m.team_id = :t)))
                """).param("d", TODAY).param("t", team).query((rs, i) -> rows.put(rs.getString(1), rs.getInt(2))).list();
        return rows;
    }

    private byte[] download(JsonNode document) {
        HttpResponse<byte[]> file = bytes(HttpRequest.newBuilder(URI.create(sandbox.base() + document.path("url").asString())).GET().build());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }

    private HttpResponse<byte[]> bytes(HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> api(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return bytes(request.build());
    }

    private void assertTheTeamsRecords(List<CSVRecord> rows) {
        Map<String, Integer> csv = new HashMap<>();
        rows.forEach(r -> csv.put(r.get("记录号"), Integer.valueOf(r.get("分钟"))));
        assertThat(csv).isEqualTo(expected()).hasSize(4);
        assertThat(rows).anySatisfy(r -> assertThat(r.get("姓名")).isEqualTo(AWKWARD));
        assertThat(rows).anySatisfy(r -> assertThat(r.get("批准人")).isEqualTo("真名Lead"));
        CSVRecord gone = rows.stream().filter(r -> r.get("志愿者编号").equals(forgottenId)).findFirst().orElseThrow();
        assertThat(gone.get("姓名")).isEmpty();
        assertThat(gone.get("分钟")).isEqualTo("200");
    }

    @Test
    void aCoordinatorExportsTheTeamsApprovedHoursAsCsvFiles() throws IOException {
        JsonNode period = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/export"), "哪段时间");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, period.path("message_id").asInt(), "本月");
        JsonNode scope = volunteering.next(COORDINATOR, period.path("message_id").asInt(), "导出哪些");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, scope.path("message_id").asInt(), "一个队伍");
        JsonNode teams = volunteering.next(COORDINATOR, scope.path("message_id").asInt(), "选择队伍");
        String name = jdbc.sql("select name from team where id = :t").param("t", team).query(String.class).single();
        sandbox.pressLabel(COORDINATOR, COORDINATOR, teams.path("message_id").asInt(), name);

        List<JsonNode> documents = sandbox.botMessagesUntil(COORDINATOR, teams.path("message_id").asInt(), Duration.ofSeconds(10),
                list -> list.stream().filter(m -> m.has("document")).count() == 2).stream().filter(m -> m.has("document")).toList();
        assertThat(documents).hasSize(2);
        assertThat(SandboxClient.buttonLabels(sandbox.waitFor(COORDINATOR, teams.path("message_id").asInt(),
                m -> SandboxClient.buttonLabels(m).isEmpty()))).as("the used choice keeps no live buttons").isEmpty();
        JsonNode records = documents.get(0);
        assertThat(records.path("document").path("file_name").asString()).isEqualTo("muster-hours-" + TODAY.withDayOfMonth(1) + "_" + TODAY + "-team" + team + ".csv");
        assertThat(records.path("caption").asString()).contains("4 条记录", "3 名志愿者");

        byte[] recordsCsv = download(records.path("document"));
        assertTheTeamsRecords(HoursCsvTest.parse(recordsCsv));
        String text = new String(recordsCsv, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("真名Gone").doesNotContain("+8613800000000").doesNotContain("还在审核").doesNotContain("被驳回");

        List<CSVRecord> totals = HoursCsvTest.parse(download(documents.get(1).path("document")));
        Map<String, String> minutes = new HashMap<>();
        totals.forEach(r -> minutes.put(r.get("姓名"), r.get("分钟")));
        assertThat(minutes).containsEntry("真名Plain", "270").containsEntry(AWKWARD, "240").containsEntry("", "200");
        assertThat(jdbc.sql("select count(*) from audit_log where actor_id = :u and action = 'hours.exported'").param("u", COORDINATOR)
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void theApiNeedsItsTokenAndServesTheSameFigures() throws IOException {
        String query = "/api/hours.csv?from=" + TODAY + "&to=" + TODAY + "&team=" + team;
        assertThat(api(query, null).statusCode()).isEqualTo(401);
        assertThat(api(query, "wrong-token").statusCode()).isEqualTo(401);
        assertThat(api("/api/stats", null).statusCode()).isEqualTo(401);

        HttpResponse<byte[]> csv = api(query, EndToEndConfiguration.API_TOKEN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertTheTeamsRecords(HoursCsvTest.parse(csv.body()));

        List<CSVRecord> totals = HoursCsvTest.parse(api(query + "&totals=true&lang=en", EndToEndConfiguration.API_TOKEN).body());
        assertThat(totals).extracting(r -> r.get("Volunteer no.")).contains(forgottenId).hasSize(3);

        assertThat(api("/api/hours.csv?from=yesterday", EndToEndConfiguration.API_TOKEN).statusCode()).isEqualTo(400);
        assertThat(api("/api/hours.csv?team=abc", EndToEndConfiguration.API_TOKEN).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> stats = api("/api/stats", EndToEndConfiguration.API_TOKEN);
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode figures = JsonMapper.builder().build().readTree(stats.body());
        int signedUp = jdbc.sql("select count(*) from volunteer where forgotten_at is null").query(Integer.class).single();
        assertThat(figures.path("volunteers").asInt()).isEqualTo(signedUp);
        assertThat(figures.path("hoursThisMonth").asDouble()).isGreaterThanOrEqualTo(11.8);
        assertThat(figures.path("byDistrict").get(0).path("nameZh").asString()).isEqualTo("江宁区");
    }

    @Test
    void statsShowsTheOrganisationsFiguresWithoutNames() {
        String stats = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/stats"), "统计").path("text").asString();

        int signedUp = jdbc.sql("select count(*) from volunteer where forgotten_at is null").query(Integer.class).single();
        assertThat(stats).contains("志愿者：" + signedUp + " 人", "江宁区", "本月", "缺勤率").doesNotContain("真名");
        assertThat(volunteering.next(plain, sandbox.say(plain, plain, "/stats"), "/stats").path("text").asString()).contains("权限");
    }
}
