package org.muster.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole day of a volunteer office on the jar that ships, started as an operator starts it (its own
 * process, a real PostgreSQL and Redis, the sandbox switched on explicitly): sign-up with the contact,
 * a team with its group, a call published there and filled by a tap, the roster, hours reported and
 * approved, the export in chat and over the API. It would have caught the jar without commons-codec.
 *
 * <p>The jar runs on the real clock, so the organisation's time zone is chosen to make it 10:45 there
 * now: the shift at 11:00 opens for check-in, and yesterday is a day to report hours for, whatever
 * the day and hour this runs.
 */
class ShippedJarDayIT {

    private static final long COORDINATOR = 9_200_000_001L;
    private static final String API_TOKEN = "jar-day-api-token-5c1d";
    private static final String TITLE = "百家湖社区核酸检测点志愿者";

    private static JarProcess jar;
    private static ZoneOffset zone;
    private static JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private SandboxClient sandbox;
    private Volunteering volunteering;

    @BeforeAll
    static void startTheJar() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        int minutesOfDay = (int) Duration.between(now.truncatedTo(ChronoUnit.DAYS), now).toMinutes();
        int offset = 10 * 60 + 45 - minutesOfDay;
        if (offset < -12 * 60) {
            offset += 24 * 60;
        }
        zone = ZoneOffset.ofTotalSeconds(offset * 60);
        jar = JarProcess.start(Map.of(
                "SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", TestServers.redisUrl(),
                "MUSTER_SANDBOX_ENABLED", "true",
                "MUSTER_COORDINATORS", Long.toString(COORDINATOR),
                "MUSTER_API_TOKEN", API_TOKEN,
                "MUSTER_TIME_ZONE", zone.getId(),
                // the world stays in memory: nothing written beside the jar
                "MUSTER_SANDBOX_STATE_FILE", ""));
        jar.awaitReady(Duration.ofSeconds(120));
        jdbc = JdbcClient.create(TestServers.dataSource());
    }

    @AfterAll
    static void stopTheJar() {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void aWholeDayOfAVolunteerOffice() throws Exception {
        sandbox = new SandboxClient(jar.port());
        volunteering = new Volunteering(sandbox);
        assertThat(jar.log()).contains("SANDBOX MODE AGAINST A REAL DATABASE");

        // people: a coordinator, a leader and a volunteer, both signed up with their contact shared
        sandbox.createUser(COORDINATOR, "Fang", "zh");
        sandbox.privateChat(COORDINATOR);
        long leader = sandbox.createUser("Qiang", "zh");
        long volunteer = sandbox.createUser("Jing", "zh");
        assertThat(volunteering.signUp(leader, "李强", "13900139001")).contains("报名成功");
        assertThat(volunteering.signUp(volunteer, "陈静", "13900139002")).contains("报名成功");

        // a team, its members, its group bound and subscribed to every call, its leader appointed
        String code = createTeam("百家湖社区志愿队");
        for (long member : List.of(leader, volunteer)) {
            assertThat(volunteering.next(member, sandbox.say(member, member, "/start join_" + code), "你已加入").path("text").asString())
                    .contains("百家湖社区志愿队");
        }
        long group = sandbox.group("百家湖社区志愿者群", COORDINATOR, leader, volunteer);
        assertThat(volunteering.next(group, sandbox.say(group, COORDINATOR, "/bind " + code), "已绑定").path("text").asString())
                .contains("百家湖社区志愿队");
        int panel = volunteering.next(group, sandbox.say(group, COORDINATOR, "/subscribe"), "本群接收的招募").path("message_id").asInt();
        sandbox.pressLabel(group, COORDINATOR, panel, "全部招募");
        sandbox.waitFor(group, panel, m -> SandboxClient.buttonLabels(m).contains("✅ 全部招募"));
        int says = sandbox.say(group, leader, "我来负责签到");
        assertThat(volunteering.next(group, sandbox.reply(group, COORDINATOR, says, "/leader"), "队长").path("text").asString())
                .contains("已任命 1 人");

        // a call for today's 11:00 shift, published to the group, and a tap that takes a place
        recruit("百家湖社区志愿队", "今天 11:00-13:00");
        JsonNode posted = sandbox.botMessagesUntil(group, panel, Duration.ofSeconds(30),
                        list -> list.stream().anyMatch(m -> m.path("text").asString().contains("招募：" + TITLE)))
                .stream().filter(m -> m.path("text").asString().contains("招募：" + TITLE)).findFirst().orElseThrow();
        int call = posted.path("message_id").asInt();
        assertThat(sandbox.toast(sandbox.pressLabel(group, volunteer, call, "🙋 我报名"))).isEqualTo("✅ 报名成功！详情已私信给你。");
        sandbox.waitFor(group, call, m -> m.path("text").asString().contains("已报名 1/5"));
        assertThat(volunteering.next(volunteer, 0, "报名成功：").path("text").asString()).contains(TITLE);

        // 10:45: the leader's roster checks the volunteer in
        JsonNode roster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：" + TITLE);
        sandbox.pressWhenShown(group, leader, roster.path("message_id").asInt(), "⬜ Jing");
        sandbox.waitFor(group, roster.path("message_id").asInt(), m -> SandboxClient.buttonLabels(m).contains("✅ Jing"));
        assertThat(jdbc.sql("""
                select count(*) from attendance t join volunteer v on v.id = t.volunteer_id
                where v.telegram_user_id = :u and t.checked_in_at is not null and t.check_in_how = 'roster'
                """).param("u", volunteer).query(Integer.class).single()).isEqualTo(1);

        // yesterday's other activity, reported and approved through /approve
        long record = reportYesterday(volunteer);
        JsonNode pending = volunteering.next(leader, sandbox.say(leader, leader, "/approve"), "待审核 #" + record);
        assertThat(pending.path("text").asString()).contains("陈静", "社区防疫宣传", "2小时30分钟");
        sandbox.pressLabel(leader, leader, pending.path("message_id").asInt(), "✅ 批准");
        sandbox.waitFor(leader, pending.path("message_id").asInt(), m -> m.path("text").asString().contains("已批准 2小时30分钟"));
        assertThat(volunteering.next(volunteer, 0, "你的服务时长已批准").path("text").asString()).contains("社区防疫宣传");

        // the coordinator's export in chat: two CSV files that Excel reads as UTF-8 and that hold the approved rows
        LocalDate today = LocalDate.now(zone);
        LocalDate yesterday = today.minusDays(1);
        Map<String, Integer> approved = approvedMinutes(yesterday, today);
        assertThat(approved).containsEntry(Long.toString(record), 150);
        List<JsonNode> documents = exportInChat(yesterday + " " + today);
        byte[] records = download(documents.get(0));
        assertThat(minutesById(records)).isEqualTo(approved);
        assertThat(parse(records)).singleElement().satisfies(row -> assertThat(row.get("姓名")).isEqualTo("陈静"));
        byte[] totals = download(documents.get(1));
        assertThat(parse(totals)).singleElement().satisfies(row -> assertThat(row.get("分钟")).isEqualTo("150"));

        // statistics in chat and over the API, and the same CSV over the API
        String stats = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/stats"), "统计").path("text").asString();
        assertThat(stats).contains("志愿者：2 人", TITLE);
        assertThat(api("/api/stats", null).statusCode()).isEqualTo(401);
        JsonNode figures = JsonMapper.builder().build().readTree(api("/api/stats", API_TOKEN).body());
        assertThat(figures.path("volunteers").asInt()).isEqualTo(2);
        HttpResponse<byte[]> csv = api("/api/hours.csv?from=" + yesterday + "&to=" + today, API_TOKEN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(minutesById(csv.body())).isEqualTo(approved);
        assertThat(parse(api("/api/hours.csv?from=" + yesterday + "&to=" + today + "&totals=true", API_TOKEN).body()))
                .singleElement().satisfies(row -> assertThat(row.get("分钟")).isEqualTo("150"));

        // what went on shows in the metrics on the management port, and personal data never in the log
        String metrics = new String(get(jar.managementPort(), "/actuator/prometheus").body(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("muster_updates_seconds_count{kind=\"Button\",outcome=\"handled\"")
                .contains("muster_updates_seconds_bucket{kind=\"Text\",outcome=\"handled\",le=\"+Inf\"}");
        // the timers of every outcome are registered up front: none counted a failed update
        assertThat(metrics.lines().filter(line -> line.startsWith("muster_updates_seconds_count{") && line.contains("outcome=\"failed\"")))
                .isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("} 0"));
        assertThat(jar.log()).doesNotContain("NoClassDefFoundError").doesNotContain("13900139002").doesNotContain("陈静")
                .doesNotContain("13900139001").doesNotContain("李强");
    }

    private String createTeam(String name) {
        JsonNode menu = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/team"), "队伍");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, menu.path("message_id").asInt(), "➕ 创建新队伍");
        volunteering.next(COORDINATOR, menu.path("message_id").asInt(), "叫什么名字");
        int area = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, name), "服务哪个区域").path("message_id").asInt();
        sandbox.pressWhenShown(COORDINATOR, COORDINATOR, area, "江宁区");
        sandbox.pressWhenShown(COORDINATOR, COORDINATOR, area, "东山街道");
        sandbox.pressWhenShown(COORDINATOR, COORDINATOR, area, "整个东山街道");
        String created = volunteering.next(COORDINATOR, area, "队伍已创建").path("text").asString();
        return created.replaceAll("(?s).*start=join_([A-Za-z0-9_-]+).*", "$1");
    }

    private void recruit(String team, String when) {
        long me = COORDINATOR;
        volunteering.next(me, sandbox.say(me, me, "/recruit"), "招募标题");
        volunteering.next(me, sandbox.say(me, me, TITLE), "任务内容");
        volunteering.next(me, sandbox.say(me, me, "协助信息登记、维持现场秩序"), "地点叫什么");
        volunteering.next(me, sandbox.say(me, me, "百家湖社区核酸检测点"), "分享地点位置");
        int shared = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9215, "longitude", 118.8463))).path("message_id").asInt();
        int area = volunteering.next(me, shared, "哪个区域").path("message_id").asInt();
        sandbox.pressWhenShown(me, me, area, "江宁区");
        sandbox.pressWhenShown(me, me, area, "东山街道");
        sandbox.pressWhenShown(me, me, area, "百家湖社区");
        int teams = volunteering.next(me, area, "哪支队伍").path("message_id").asInt();
        sandbox.pressLabel(me, me, teams, team);
        volunteering.next(me, teams, "服务时间");
        volunteering.next(me, sandbox.say(me, me, when), "多少人");
        int skills = volunteering.next(me, sandbox.say(me, me, "5"), "专长").path("message_id").asInt();
        sandbox.pressLabel(me, me, skills, "完成");
        int target = volunteering.next(me, skills, "发给谁").path("message_id").asInt();
        sandbox.pressLabel(me, me, target, "完成");
        int reach = volunteering.next(me, target, "将发送到").path("message_id").asInt();
        sandbox.pressLabel(me, me, reach, "✅ 发布");
        assertThat(volunteering.next(me, reach, "已发布").path("text").asString()).contains(TITLE);
    }

    private long reportYesterday(long user) {
        int asked = sandbox.say(user, user, "/hours");
        JsonNode first = sandbox.botMessagesUntil(user, asked, Duration.ofSeconds(10), list -> list.stream().anyMatch(
                m -> m.path("text").asString().contains("为哪个班次申报") || m.path("text").asString().contains("简要描述"))).get(0);
        int question = first.path("message_id").asInt();
        if (first.path("text").asString().contains("为哪个班次申报")) {
            sandbox.pressLabel(user, user, question, "➕ 其他志愿活动");
            question = volunteering.next(user, question, "简要描述").path("message_id").asInt();
        }
        volunteering.next(user, sandbox.say(user, user, "社区防疫宣传"), "哪一天");
        volunteering.next(user, sandbox.say(user, user, "昨天"), "多长时间");
        volunteering.next(user, sandbox.say(user, user, "2.5"), "补充一句说明");
        int summary = volunteering.next(user, sandbox.say(user, user, "发放宣传单"), "请确认").path("message_id").asInt();
        sandbox.pressLabel(user, user, summary, "✅ 提交");
        String submitted = volunteering.next(user, summary, "已提交").path("text").asString();
        assertThat(question).isPositive();
        return Long.parseLong(submitted.replaceAll("(?s).*#(\\d+).*", "$1"));
    }

    private List<JsonNode> exportInChat(String dates) {
        long me = COORDINATOR;
        int period = volunteering.next(me, sandbox.say(me, me, "/export"), "哪段时间").path("message_id").asInt();
        sandbox.pressLabel(me, me, period, "自定义日期");
        volunteering.next(me, period, "起止日期");
        int scope = volunteering.next(me, sandbox.say(me, me, dates), "导出哪些").path("message_id").asInt();
        sandbox.pressLabel(me, me, scope, "全部");
        List<JsonNode> documents = sandbox.botMessagesUntil(me, scope, Duration.ofSeconds(20),
                list -> list.stream().filter(m -> m.has("document")).count() == 2).stream().filter(m -> m.has("document")).toList();
        assertThat(documents.get(0).path("caption").asString()).contains("1 条记录", "1 名志愿者");
        return documents;
    }

    /** What the database holds: record id → approved minutes of the period. */
    private static Map<String, Integer> approvedMinutes(LocalDate from, LocalDate to) {
        Map<String, Integer> rows = new HashMap<>();
        jdbc.sql("select id, minutes from hours_report where status = 'approved' and activity_date between :f and :t")
                .param("f", from).param("t", to).query((rs, i) -> rows.put(rs.getString(1), rs.getInt(2))).list();
        return rows;
    }

    private static Map<String, Integer> minutesById(byte[] csv) throws IOException {
        return parse(csv).stream()
                .collect(Collectors.toMap(r -> r.get("记录号"), r -> Integer.valueOf(r.get("分钟"))));
    }

    /** Parses a file as Excel would: it must start with the UTF-8 byte-order mark. */
    private static List<CSVRecord> parse(byte[] csv) throws IOException {
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    private byte[] download(JsonNode message) throws Exception {
        HttpResponse<byte[]> file = get(jar.port(), message.path("document").path("url").asString());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }

    private HttpResponse<byte[]> api(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.port() + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
