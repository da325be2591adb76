package org.muster.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.recruitment.Enrolments;
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

/** Check-in and check-out at a testing site, with a clock the test moves. */
@ClockedEndToEndTest
class CheckinEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Enrolments enrolments;

    private SandboxClient sandbox;
    private World world;
    private Volunteering volunteering;
    private long leader;
    private long group;
    private long call;
    private Instant start;
    private final long[] members = new long[7];

    @BeforeEach
    void shift(org.junit.jupiter.api.TestInfo test) {
        clock.set(ClockedEndToEndTest.START);
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        leader = world.volunteer("Leader", null);
        for (int i = 0; i < members.length; i++) {
            members[i] = world.volunteer("Member" + i, "member" + i + "_" + Math.abs(System.nanoTime() % 100000));
        }
        // replies and mentions without a command reach a bot in privacy mode only when it is the group's administrator
        boolean botAdmin = test.getTags().contains("bot-admin");
        long[] team = world.teamWithGroup("核酸检测点队", leader, java.util.Arrays.stream(members).boxed().toList(), botAdmin);
        group = team[1];
        start = ClockedEndToEndTest.START.plus(Duration.ofHours(2));
        call = world.call("核酸检测点早班", team[0], start, start.plus(Duration.ofHours(4)), 10);
        for (long member : members) {
            assertThat(enrolments.enrol(member, call).outcome()).isEqualTo(Enrolments.Outcome.CONFIRMED);
        }
        clock.set(start.minus(Duration.ofMinutes(10)));
    }

    private Map<String, Object> attendance(long user) {
        return jdbc.sql("""
                select t.checked_in_at is not null as checked_in, t.check_in_how as how_in, t.checked_out_at is not null as checked_out,
                       t.check_out_how as how_out, t.minutes
                from attendance t join volunteer v on v.id = t.volunteer_id where t.activity_id = :a and v.telegram_user_id = :u
                """).param("a", call).param("u", user).query().listOfRows().stream().findFirst().orElse(Map.of());
    }

    private Map<String, Object> hours(long user) {
        return jdbc.sql("""
                select h.minutes, h.status, h.source from hours_report h join volunteer v on v.id = h.volunteer_id
                where h.activity_id = :a and v.telegram_user_id = :u
                """).param("a", call).param("u", user).query().listOfRows().stream().findFirst().orElse(Map.of());
    }

    private String username(long user) {
        return jdbc.sql("select telegram_username from volunteer where telegram_user_id = :u").param("u", user).query(String.class).single();
    }

    @Test
    @org.junit.jupiter.api.Tag("bot-admin")
    void aLeaderChecksMembersInByRosterReplyAndMentionAndOutWithTheMinutes() {
        JsonNode roster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：核酸检测点早班");
        int rosterId = roster.path("message_id").asInt();
        assertThat(SandboxClient.buttonLabels(roster)).contains("⬜ Member0", "⬜ Member6").noneMatch(l -> l.contains("真名"));
        for (int i = 0; i < 3; i++) {
            sandbox.pressWhenShown(group, leader, rosterId, "⬜ Member" + i);
            int member = i;
            sandbox.waitFor(group, rosterId, m -> SandboxClient.buttonLabels(m).contains("✅ Member" + member));
        }
        assertThat(sandbox.message(group, rosterId).path("text").asString()).contains("已签到 3/7");

        int said = sandbox.say(group, members[3], "我到了");
        int byReply = sandbox.reply(group, leader, said, "签到");
        assertThat(volunteering.next(group, byReply, "已签到").path("text").asString()).contains("已签到 1 人", "Member3");

        int byMention = sandbox.say(group, leader, "签到 @" + username(members[4]) + " @nobody_at_all");
        assertThat(volunteering.next(group, byMention, "已签到").path("text").asString())
                .contains("已签到 1 人", "Member4", "未能匹配 1 人", "@nobody_at_all");

        assertThat(attendance(members[0])).containsEntry("checked_in", true).containsEntry("how_in", "roster");
        assertThat(attendance(members[3])).containsEntry("how_in", "reply");
        assertThat(attendance(members[4])).containsEntry("how_in", "mention");

        clock.set(start.plus(Duration.ofHours(3)));
        JsonNode out = volunteering.next(group, sandbox.say(group, leader, "/checkout"), "签退：核酸检测点早班");
        sandbox.pressWhenShown(group, leader, out.path("message_id").asInt(), "⬜ Member0");
        sandbox.waitFor(group, out.path("message_id").asInt(), m -> SandboxClient.buttonLabels(m).contains("✅ Member0"));

        // checked in 10 minutes early: the minutes count from the start
        assertThat(attendance(members[0])).containsEntry("checked_out", true).containsEntry("minutes", 180);
        assertThat(hours(members[0])).containsEntry("minutes", 180).containsEntry("status", "approved").containsEntry("source", "attendance");
        assertThat(sandbox.messages(group, 0).toString()).doesNotContain("真名").doesNotContain("13800000000");
    }

    @Test
    void inPrivacyModeAPlainReplyNeverReachesTheBotButTheCommandAsAReplyDoes() {
        int said = sandbox.say(group, members[3], "我到了");
        JsonNode plain = sandbox.message(group, sandbox.reply(group, leader, said, "签到"));
        assertThat(plain.path("delivered").asBoolean(true)).isFalse();

        int byCommand = sandbox.reply(group, leader, said, "/checkin");
        assertThat(volunteering.next(group, byCommand, "已签到").path("text").asString()).contains("已签到 1 人", "Member3");
        assertThat(attendance(members[3])).containsEntry("how_in", "reply");
    }

    @Test
    void aVolunteerChecksInWithALocationInsideTheFenceAndIsRefusedOutsideIt() {
        long me = members[5];
        volunteering.next(me, sandbox.say(me, me, "/checkin"), "分享你的当前位置");
        int far = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9380, "longitude", 118.8400))).path("message_id").asInt();
        assertThat(volunteering.next(me, far, "米").path("text").asString()).contains("约 2002 米", "300 米以内");
        assertThat(attendance(me)).isEmpty();

        volunteering.next(me, sandbox.say(me, me, "签到"), "分享你的当前位置");
        int near = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9203, "longitude", 118.8402))).path("message_id").asInt();
        assertThat(volunteering.next(me, near, "签到成功").path("text").asString()).contains("核酸检测点早班");
        assertThat(attendance(me)).containsEntry("checked_in", true).containsEntry("how_in", "location");

        clock.set(start.plus(Duration.ofHours(2)));
        volunteering.next(me, sandbox.say(me, me, "签退"), "签退");
        int leaving = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9201, "longitude", 118.8401))).path("message_id").asInt();
        assertThat(volunteering.next(me, leaving, "签退成功").path("text").asString()).contains("120 分钟");
        assertThat(hours(me)).containsEntry("minutes", 120).containsEntry("status", "pending");
    }

    @Test
    void checkingOutBeforeTheShiftBeganRecordsNothingAndPromisesNoReview() {
        long me = members[6];
        volunteering.next(me, sandbox.say(me, me, "签到"), "分享你的当前位置");
        int near = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9203, "longitude", 118.8402))).path("message_id").asInt();
        volunteering.next(me, near, "签到成功");

        clock.set(start.minus(Duration.ofMinutes(5)));
        volunteering.next(me, sandbox.say(me, me, "签退"), "签退");
        int leaving = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9201, "longitude", 118.8401))).path("message_id").asInt();
        String answer = volunteering.next(me, leaving, "签退成功").path("text").asString();
        assertThat(answer).contains("没有记录服务时长", "/hours").doesNotContain("待队长确认", "0 分钟");
        assertThat(hours(me)).isEmpty();
    }

    @Test
    void selfCheckInOutsideTheShiftWindowIsRefusedWithTheReason() {
        clock.set(start.minus(Duration.ofHours(1)));
        long me = members[6];

        assertThat(volunteering.next(me, sandbox.say(me, me, "/checkin"), "没有可以签到的班次").path("text").asString())
                .contains("30 分钟");
    }

    @Test
    void onlyTheLeaderOrACoordinatorMayCheckOthersIn() {
        JsonNode roster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：核酸检测点早班");
        int refusals = jdbc.sql("select count(*) from audit_log where actor_id = :u").param("u", members[1]).query(Integer.class).single();

        String toast = sandbox.toast(sandbox.pressLabel(group, members[1], roster.path("message_id").asInt(), "⬜ Member2"));
        assertThat(toast).contains("只有负责本班次的队长或协调员");
        assertThat(volunteering.next(group, sandbox.say(group, members[1], "/checkin"), "只有负责").path("text").asString()).isNotEmpty();
        assertThat(attendance(members[2])).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_log where actor_id = :u").param("u", members[1]).query(Integer.class).single())
                .isEqualTo(refusals + 2);

        sandbox.createUser(EndToEndConfiguration.COORDINATOR, "Coordinator", "zh");
        sandbox.addMember(group, EndToEndConfiguration.COORDINATOR);
        String byCoordinator = sandbox.toast(sandbox.pressLabel(group, EndToEndConfiguration.COORDINATOR, roster.path("message_id").asInt(),
                "⬜ Member2"));
        assertThat(byCoordinator).contains("已签到");
        assertThat(attendance(members[2])).containsEntry("how_in", "coordinator");
    }

    @Test
    void afterTheShiftThoseStillInAreCheckedOutAndThoseNeverInMarkedNoShow() {
        JsonNode roster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：核酸检测点早班");
        sandbox.pressLabel(group, leader, roster.path("message_id").asInt(), "⬜ Member0");
        sandbox.waitFor(group, roster.path("message_id").asInt(), m -> SandboxClient.buttonLabels(m).contains("✅ Member0"));

        clock.set(start.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(31)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Boolean.TRUE.equals(attendance(members[0]).get("checked_out")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(attendance(members[0])).containsEntry("how_out", "automatic").containsEntry("minutes", 240);
        assertThat(hours(members[0])).containsEntry("status", "approved");
        assertThat(volunteering.next(leader, 0, "自动签退").path("text").asString()).contains("真名Member0");
        assertThat(volunteering.next(leader, 0, "缺勤").path("text").asString()).contains("6 人没有签到");
        assertThat(jdbc.sql("select count(*) from enrollment where activity_id = :a and status = 'no_show'").param("a", call)
                .query(Integer.class).single()).isEqualTo(6);

        // the leader corrects one: checking them in after all puts them back on the shift
        JsonNode again = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：核酸检测点早班");
        assertThat(SandboxClient.buttonLabels(again)).contains("⬜ Member1");
    }

}
