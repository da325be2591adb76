package org.muster.volunteer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.muster.recruitment.Enrolments;
import org.muster.support.ClockedEndToEndTest;
import org.muster.support.MutableClock;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.muster.support.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /forgetme} as the law means it: the person leaves every coming shift as {@code /leave}
 * would (the waitlist gets the place, no more reminders), and afterwards no column of any table and
 * no Redis key or value holds their Telegram id, name or phone, while their hours still count.
 */
@ClockedEndToEndTest
class ErasureEndToEndTest {

    private static final String NAME = "陈遗忘";
    private static final String PHONE = "13911112222";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Enrolments enrolments;

    @Autowired
    UnifiedJedis redis;

    @Test
    void afterForgetmeTheAccountNameAndPhoneAreNowhereAndTheComingShiftIsFreed() {
        clock.set(ClockedEndToEndTest.START);
        SandboxClient sandbox = new SandboxClient(port);
        World world = new World(jdbc, sandbox);
        Volunteering volunteering = new Volunteering(sandbox);
        long leader = world.volunteer("Leader", null);
        long waiting = world.volunteer("Waiting", null);
        long[] team = world.teamWithGroup("遗忘测试队", leader, List.of(waiting));

        // joins the group before signing up (welcomed once), then signs up in the private chat
        long person = sandbox.createUser("Forgetful", "zh");
        int before = sandbox.messages(team[1], 0).size();
        sandbox.addMember(team[1], person);
        volunteering.next(team[1], before, "欢迎新成员");
        assertThat(volunteering.signUp(person, NAME, PHONE)).contains("报名成功");
        long volunteerId = world.volunteerId(person);
        jdbc.sql("insert into team_member (team_id, volunteer_id) values (:t, :v)").param("t", team[0]).param("v", volunteerId).update();

        // a coming shift with one place, held by the person, and someone waiting; their reminders are queued
        Instant start = ClockedEndToEndTest.START.plus(Duration.ofDays(2));
        long coming = world.call("遗忘测试·早班", team[0], start, start.plus(Duration.ofHours(4)), 1);
        assertThat(enrolments.enrol(person, coming).outcome()).isEqualTo(Enrolments.Outcome.CONFIRMED);
        assertThat(enrolments.enrol(waiting, coming).outcome()).isEqualTo(Enrolments.Outcome.WAITLISTED);
        assertThat(count("select count(*) from broadcast_delivery where chat_id = ?", person)).isPositive();

        // yesterday's shift: checked in by themselves, hours approved
        Instant past = ClockedEndToEndTest.START.minus(Duration.ofDays(1));
        long done = world.call("遗忘测试·昨天", team[0], past, past.plus(Duration.ofHours(3)), 5);
        world.enrol(done, person);
        jdbc.sql("""
                insert into attendance (activity_id, volunteer_id, checked_in_at, checked_in_by, check_in_how)
                values (:a, :v, :at, :by, 'location')
                """).param("a", done).param("v", volunteerId).param("at", java.sql.Timestamp.from(past)).param("by", person).update();
        long hours = world.hours(person, done, null, ClockedEndToEndTest.TODAY.minusDays(1), 180, "attendance", "approved");

        // traces elsewhere: a granted role and a grant they made, an audit entry about them, a language, a refusal
        jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:u, 'coordinator', 1)").param("u", person).update();
        jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:u, 'coordinator', :by)")
                .param("u", 9_300_000_000L + person % 1000).param("by", person).update();
        jdbc.sql("insert into audit_log (actor_id, action, chat_id, detail) values (1, 'grant.coordinator', 1, cast(:d as jsonb))")
                .param("d", "{\"user\": " + person + ", \"role\": \"coordinator\"}").update();
        jdbc.sql("insert into group_prompt_refusal (chat_id, message_id, user_id) values (:c, 1, :u)").param("c", team[1]).param("u", person).update();
        int lang = volunteering.next(person, sandbox.say(person, person, "/lang"), "语言").path("message_id").asInt();
        sandbox.pressLabel(person, person, lang, "中文");
        volunteering.next(person, lang, "中文");

        // a sign-up edit left half-way: the new name sits in the conversation's draft
        int review = volunteering.next(person, sandbox.say(person, person, "/signup"), "请核对").path("message_id").asInt();
        sandbox.pressLabel(person, person, review, "修改姓名");
        volunteering.next(person, review, "真实姓名");
        volunteering.next(person, sandbox.say(person, person, NAME + "二"), "请核对");
        assertThat(redis.get("muster:conv:{" + person + "}:" + person)).contains(NAME + "二");

        // the search finds what it looks for
        assertThat(databaseTraces(person)).contains("volunteer.telegram_user_id", "volunteer.real_name", "volunteer.phone",
                "user_setting.user_id", "group_welcome.user_id", "broadcast_delivery.chat_id", "attendance.checked_in_by",
                "staff_role.user_id", "staff_role.granted_by", "audit_log.detail", "group_prompt_refusal.user_id");
        assertThat(redisTraces(person)).isNotEmpty();

        // a calendar subscription, which erasure stops
        assertThat(volunteering.next(person, sandbox.say(person, person, "/calendar"), "订阅").path("text").asString()).contains("/calendar/");
        assertThat(count("select count(*) from calendar_feed where volunteer_id = ?", volunteerId)).isEqualTo(1);

        JsonNode question = volunteering.next(person, sandbox.say(person, person, "/forgetme"), "确定要删除");
        sandbox.press(person, person, question.path("message_id").asInt(), "forget:yes");
        volunteering.next(person, question.path("message_id").asInt(), "你的个人信息已删除");

        // the place went to the one waiting, as a /leave would have given it
        assertThat(volunteering.next(waiting, 0, "空出了一个名额").path("text").asString()).contains("遗忘测试·早班");
        assertThat(jdbc.sql("select status from enrollment where activity_id = :a and volunteer_id = :v").param("a", coming)
                .param("v", volunteerId).query(String.class).single()).isEqualTo("cancelled");
        // the hours stay, anonymous
        assertThat(jdbc.sql("select minutes from hours_report where id = :id").param("id", hours).query(Integer.class).single()).isEqualTo(180);
        assertThat(count("select count(*) from volunteer where id = ? and forgotten_at is not null", volunteerId)).isEqualTo(1);
        assertThat(count("select count(*) from calendar_feed where volunteer_id = ?", volunteerId)).as("the calendar subscription").isZero();

        assertThat(databaseTraces(person)).as("columns still holding the account, name or phone").isEmpty();
        assertThat(redisTraces(person)).as("Redis keys still holding the account, name or phone").isEmpty();
    }

    /** Every column of every table that holds the id (as a number or inside text or JSON), the name or the phone. */
    private List<String> databaseTraces(long person) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public' order by table_name, ordinal_position
                """).query().listOfRows();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String type = (String) column.get("data_type");
            String where = switch (type) {
                case "bigint", "integer" -> "\"" + name + "\" = " + person;
                case "text", "character varying", "jsonb", "json", "ARRAY" -> "cast(\"" + name + "\" as text) like '%" + person
                        + "%' or cast(\"" + name + "\" as text) like '%" + NAME + "%' or cast(\"" + name + "\" as text) like '%" + PHONE + "%'";
                default -> null;
            };
            if (where != null && jdbc.sql("select count(*) from \"" + table + "\" where " + where).query(Integer.class).single() > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    /** Every Redis key whose name or value holds the id, the name or the phone. */
    private List<String> redisTraces(long person) {
        List<String> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
            for (String key : page.getResult()) {
                String type = redis.type(key);
                String value = switch (type) {
                    case "string" -> redis.get(key);
                    case "hash" -> String.valueOf(redis.hgetAll(key));
                    case "none" -> "";
                    default -> throw new AssertionError("a Redis key of a type this test does not read: " + key + " (" + type + ")");
                };
                String seen = key + " " + value;
                if (seen.contains(Long.toString(person)) || seen.contains(NAME) || seen.contains(PHONE)) {
                    found.add(key);
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return found;
    }

    private int count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            statement = statement.param(i + 1, params[i]);
        }
        return statement.query(Integer.class).single();
    }
}
