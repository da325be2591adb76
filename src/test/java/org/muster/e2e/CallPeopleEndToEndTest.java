package org.muster.e2e;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
 * The people of a call, for the coordinator and the call's team leader, privately: by standing, with
 * phone numbers Telegram makes tap-to-call, a page at a time and as CSV, every view audited; nobody
 * else sees them, and a forgotten volunteer is a number only.
 */
@EndToEndTest
class CallPeopleEndToEndTest {

    private static final long COORDINATOR = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private SandboxClient sandbox;
    private World world;
    private Volunteering volunteering;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
    }

    private static Instant start() {
        return Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    }

    private void phone(long user, String phone) {
        jdbc.sql("update volunteer set phone = :p where telegram_user_id = :u").param("p", phone).param("u", user).update();
    }

    private void enrol(long call, long volunteerId, String status) {
        jdbc.sql("""
                insert into enrollment (activity_id, volunteer_id, status, position, enrolled_at, updated_at)
                values (:a, :v, :s, nextval('enrollment_position'), now(), now())
                """).param("a", call).param("v", volunteerId).param("s", status).update();
    }

    private int audits(String action, long actor, long call) {
        return jdbc.sql("select count(*) from audit_log where action = :a and actor_id = :u and detail ->> 'call' = :c")
                .param("a", action).param("u", actor).param("c", Long.toString(call)).query(Integer.class).single();
    }

    private static int length(JsonNode message) {
        String text = message.path("text").asString();
        return text.codePointCount(0, text.length());
    }

    private static List<String> phoneEntities(JsonNode message) {
        String text = message.path("text").asString();
        List<String> phones = new ArrayList<>();
        message.path("entities").forEach(e -> {
            if (e.path("type").asString().equals("phone_number")) {
                phones.add(text.substring(e.path("offset").asInt(), e.path("offset").asInt() + e.path("length").asInt()));
            }
        });
        return phones;
    }

    @Test
    void theCoordinatorAndTheCallsLeaderSeeThePeopleByStandingWithPhonesAndNobodyElseDoes() {
        long leader = world.volunteer("队长", null);
        long enrolled = world.volunteer("甲", null);
        long waiting = world.volunteer("乙", null);
        long came = world.volunteer("丙", null);
        long absent = world.volunteer("丁", null);
        long[] team = world.teamWithGroup("名单队", leader, List.of(enrolled, waiting, came, absent));
        long call = world.call("百家湖名单核对", team[0], start(), start().plus(Duration.ofHours(4)), 10);
        phone(enrolled, "+8613900000001");
        phone(waiting, "+8613900000002");
        phone(came, "+8613900000003");
        phone(absent, "+8613900000004");
        enrol(call, world.volunteerId(enrolled), "confirmed");
        enrol(call, world.volunteerId(waiting), "waitlisted");
        enrol(call, world.volunteerId(came), "confirmed");
        enrol(call, world.volunteerId(absent), "no_show");
        jdbc.sql("""
                insert into attendance (activity_id, volunteer_id, checked_in_at, checked_in_by, check_in_how)
                values (:a, :v, now(), :by, 'roster')
                """).param("a", call).param("v", world.volunteerId(came)).param("by", leader).update();
        String gone = "G" + ThreadLocalRandom.current().nextInt(1_000_000);
        long forgotten = jdbc.sql("""
                insert into volunteer (public_id, telegram_user_id, real_name, phone, forgotten_at) values (:p, null, null, null, now())
                returning id
                """).param("p", gone).query(Long.class).single();
        enrol(call, forgotten, "confirmed");

        // the coordinator
        JsonNode list = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/people " + call), "名单：百家湖名单核对");
        String text = list.path("text").asString();
        assertThat(text).contains("已报名 2 · 候补 1 · 已签到 1 · 未到 1",
                "✅ 已报名（2）\n• 真名甲 · +8613900000001 · W" + enrolled + "\n• 志愿者 " + gone + "（个人信息已删除）",
                "⏳ 候补（1）\n• 真名乙 · +8613900000002 · W" + waiting,
                "📍 已签到（1）\n• 真名丙 · +8613900000003 · W" + came,
                "❌ 未到（1）\n• 真名丁 · +8613900000004 · W" + absent);
        assertThat(phoneEntities(list)).containsExactly("+8613900000001", "+8613900000002", "+8613900000003", "+8613900000004");
        assertThat(text.indexOf("已报名（")).isLessThan(text.indexOf("候补（")).isLessThan(text.indexOf("已签到（"));
        assertThat(audits("people.viewed", COORDINATOR, call)).isEqualTo(1);

        // the call's leader, also from the list of their team's calls
        JsonNode pick = volunteering.next(leader, sandbox.say(leader, leader, "/people"), "要查看哪次招募的名单");
        assertThat(SandboxClient.buttonLabels(pick)).anyMatch(l -> l.startsWith("#" + call + " 百家湖名单核对"));
        sandbox.pressLabel(leader, leader, pick.path("message_id").asInt(),
                SandboxClient.buttonLabels(pick).stream().filter(l -> l.startsWith("#" + call + " ")).findFirst().orElseThrow());
        assertThat(volunteering.next(leader, pick.path("message_id").asInt(), "名单：百家湖名单核对").path("text").asString())
                .contains("真名甲 · +8613900000001");
        assertThat(audits("people.viewed", leader, call)).isEqualTo(1);

        // a plain volunteer, and the leader of another team: a clear answer, nothing shown, nothing recorded as seen
        int refused = sandbox.say(enrolled, enrolled, "/people " + call);
        assertThat(volunteering.next(enrolled, refused, "权限").path("text").asString()).doesNotContain("真名");
        long otherLeader = world.volunteer("别队队长", null);
        world.teamWithGroup("别的队", otherLeader, List.of());
        assertThat(volunteering.next(otherLeader, sandbox.say(otherLeader, otherLeader, "/people " + call), "只有协调员")
                .path("text").asString()).doesNotContain("真名");
        assertThat(audits("people.viewed", enrolled, call) + audits("people.viewed", otherLeader, call)).isZero();
        assertThat(SandboxClient.texts(sandbox.messages(enrolled, refused))).noneMatch(t -> t.contains("真名乙"));

        // never in a group, not even the leader's own
        int inGroup = sandbox.say(team[1], leader, "/people " + call);
        volunteering.next(team[1], inGroup, "私聊");
        assertThat(SandboxClient.texts(sandbox.messages(team[1], 0))).noneMatch(t -> t.contains("+86139") || t.contains("真名甲"));
        assertThat(audits("people.viewed", leader, call)).isEqualTo(1);
    }

    @Test
    void aLongListIsPagedWithinTelegramsLimitTheCsvReadsBackAsTheDatabaseAndForgedButtonsDoNothing() throws Exception {
        long call = world.call("江宁大规模核酸", null, start(), start().plus(Duration.ofHours(6)), 200);
        Set<String> names = new HashSet<>();
        long base = 8_800_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L);
        for (int i = 0; i < 70; i++) {
            String name = "大规模核酸检测点志愿者第" + i + "号" + "（长名字".repeat(4) + "）";
            names.add(name);
            long id = jdbc.sql("""
                    insert into volunteer (public_id, telegram_user_id, real_name, phone, area_code, consent_at)
                    values (:p, :u, :n, :phone, 'jiangning.dongshan.baijiahu', now()) returning id
                    """).param("p", "P" + (base + i)).param("u", base + i).param("n", name)
                    .param("phone", "+86137" + String.format("%08d", i)).query(Long.class).single();
            enrol(call, id, i % 5 == 0 ? "waitlisted" : "confirmed");
        }

        JsonNode first = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/people " + call), "名单：江宁大规模核酸");
        int message = first.path("message_id").asInt();
        assertThat(length(first)).isLessThanOrEqualTo(4096);
        assertThat(first.path("text").asString()).contains("第 1/2 页");
        assertThat(SandboxClient.buttonLabels(first)).contains("下一页 ▶", "📄 下载 CSV");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, message, "下一页 ▶");
        JsonNode second = sandbox.waitFor(COORDINATOR, message, m -> m.path("text").asString().contains("第 2/2 页"));
        assertThat(length(second)).isLessThanOrEqualTo(4096);
        Set<String> shown = new HashSet<>();
        for (String page : List.of(first.path("text").asString(), second.path("text").asString())) {
            names.stream().filter(page::contains).forEach(shown::add);
        }
        assertThat(shown).isEqualTo(names);
        assertThat(second.path("text").asString()).contains("⏳ 候补（14）");
        assertThat(audits("people.viewed", COORDINATOR, call)).isEqualTo(2);

        // a page button forged onto another message is not honoured
        JsonNode pick = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/people"), "要查看哪次招募的名单");
        String forged = sandbox.press(COORDINATOR, COORDINATOR, pick.path("message_id").asInt(), "people:p:" + call + ":1");
        assertThat(sandbox.toast(forged)).contains("已失效");
        String forgedCsv = sandbox.press(COORDINATOR, COORDINATOR, pick.path("message_id").asInt(), "people:csv:" + call);
        assertThat(sandbox.toast(forgedCsv)).contains("已失效");
        assertThat(audits("people.viewed", COORDINATOR, call)).isEqualTo(2);
        assertThat(audits("people.exported", COORDINATOR, call)).isZero();

        // the CSV, as the database has it
        sandbox.pressLabel(COORDINATOR, COORDINATOR, message, "📄 下载 CSV");
        JsonNode document = sandbox.botMessagesUntil(COORDINATOR, message, Duration.ofSeconds(10),
                list -> list.stream().anyMatch(m -> m.has("document"))).stream().filter(m -> m.has("document")).findFirst().orElseThrow();
        assertThat(document.path("caption").asString()).contains("共 70 人");
        byte[] csv = download(document.path("document"));
        String content = new String(csv, StandardCharsets.UTF_8);
        assertThat(content).startsWith("\uFEFF");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(content.substring(1))).getRecords();
        List<List<String>> expected = jdbc.sql("""
                select v.public_id, v.real_name, '''' || v.phone, case e.status when 'waitlisted' then '候补' else '已报名' end
                from enrollment e join volunteer v on v.id = e.volunteer_id where e.activity_id = :a
                order by case e.status when 'waitlisted' then 1 else 0 end, e.position
                """).param("a", call).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        assertThat(rows.stream().map(r -> List.of(r.get("志愿者编号"), r.get("姓名"), r.get("电话"), r.get("状态"))).toList())
                .isEqualTo(expected);
        assertThat(audits("people.exported", COORDINATOR, call)).isEqualTo(1);
    }

    private byte[] download(JsonNode document) throws IOException, InterruptedException {
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sandbox.base() + document.path("url").asString())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }
}
