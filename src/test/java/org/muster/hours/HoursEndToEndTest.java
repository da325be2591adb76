package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

/** Reporting hours in the private chat, the leader's review, the limits, and a coordinator's correction. The shift was yesterday. */
@ClockedEndToEndTest
class HoursEndToEndTest {

    private static final LocalDate YESTERDAY = ClockedEndToEndTest.TODAY.minusDays(1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    HoursLedger ledger;

    private SandboxClient sandbox;
    private World world;
    private Volunteering volunteering;
    private long leader;
    private long member;
    private long other;
    private long call;

    @BeforeEach
    void shiftYesterday() {
        clock.set(ClockedEndToEndTest.START);
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        leader = world.volunteer("Leader", null);
        member = world.volunteer("Member", null);
        other = world.volunteer("Other", null);
        long team = world.teamWithGroup("百家湖队", leader, List.of(member, other))[0];
        Instant start = ClockedEndToEndTest.START.minus(Duration.ofDays(1));
        call = world.call("核酸检测点早班", team, start, start.plus(Duration.ofHours(4)), 10);
        world.enrol(call, member);
        world.enrol(call, other);
    }

    /** The member reports {@code duration} for yesterday's shift, up to the "submitted" answer; returns the record id. */
    private long reportShift(long user, String duration) {
        JsonNode pick = volunteering.next(user, sandbox.say(user, user, "/hours"), "为哪个班次申报");
        sandbox.pressLabel(user, user, pick.path("message_id").asInt(), SandboxClient.buttonLabels(pick).get(0));
        JsonNode howLong = volunteering.next(user, pick.path("message_id").asInt(), "你服务了多长时间");
        JsonNode note = volunteering.next(user, sandbox.say(user, user, duration), "补充一句说明");
        sandbox.pressLabel(user, user, note.path("message_id").asInt(), "不需要");
        JsonNode summary = volunteering.next(user, note.path("message_id").asInt(), "请确认");
        assertThat(howLong.path("text").asString()).contains("4小时");
        sandbox.pressLabel(user, user, summary.path("message_id").asInt(), "✅ 提交");
        String submitted = volunteering.next(user, summary.path("message_id").asInt(), "已提交").path("text").asString();
        assertThat(SandboxClient.buttonLabels(sandbox.waitFor(user, summary.path("message_id").asInt(),
                m -> SandboxClient.buttonLabels(m).isEmpty()))).as("submit and discard are used up").isEmpty();
        return Long.parseLong(submitted.replaceAll("(?s).*#(\\d+).*", "$1"));
    }

    private Map<String, Object> record(long id) {
        return jdbc.sql("select status, minutes, reported_minutes, reviewed_by, reject_reason from hours_report where id = :id")
                .param("id", id).query().singleRow();
    }

    private JsonNode card(long id) {
        return volunteering.next(leader, 0, "待审核 #" + id);
    }

    @Test
    void aSelfReportIsApprovedByTheLeaderAndTheTotalsGrow() {
        long id = reportShift(member, "3.5");

        JsonNode card = card(id);
        assertThat(card.path("text").asString()).contains("真名Member", "核酸检测点早班", "3小时30分钟", "本人申报");
        sandbox.pressLabel(leader, leader, card.path("message_id").asInt(), "✅ 批准");
        sandbox.waitFor(leader, card.path("message_id").asInt(), m -> m.path("text").asString().contains("已批准 3小时30分钟"));

        assertThat(record(id)).containsEntry("status", "approved").containsEntry("minutes", 210).containsEntry("reviewed_by", leader);
        assertThat(volunteering.next(member, 0, "已批准").path("text").asString()).contains("3小时30分钟");
        assertThat(volunteering.next(member, sandbox.say(member, member, "/myhours"), "我的服务时长").path("text").asString())
                .contains("累计（已批准）：3小时30分钟", "待审核：0 条", YESTERDAY.getMonthValue() + "月" + YESTERDAY.getDayOfMonth() + "日")
                // this month counts yesterday only when yesterday was in this month
                .contains(YESTERDAY.getMonth() == ClockedEndToEndTest.TODAY.getMonth() ? "本月：3小时30分钟" : "本月：0分钟");
    }

    @Test
    void oneLeadersDecisionRedrawsEveryLeadersCardWithItsOutcomeAndNoButtons() {
        long second = world.volunteer("Second", null);
        long team = jdbc.sql("select team_id from activity where id = :a").param("a", call).query(Long.class).single();
        jdbc.sql("insert into team_member (team_id, volunteer_id, role) values (:t, :v, 'leader')")
                .param("t", team).param("v", world.volunteerId(second)).update();
        long id = reportShift(member, "3");

        JsonNode mine = card(id);
        JsonNode theirs = volunteering.next(second, 0, "待审核 #" + id);
        assertThat(SandboxClient.buttonLabels(theirs)).contains("✅ 批准");
        sandbox.pressLabel(leader, leader, mine.path("message_id").asInt(), "✅ 批准");

        for (long[] card : List.of(new long[] {leader, mine.path("message_id").asInt()}, new long[] {second, theirs.path("message_id").asInt()})) {
            JsonNode now = sandbox.waitFor(card[0], (int) card[1], m -> m.path("text").asString().contains("已批准 3小时"));
            assertThat(now.path("text").asString()).contains("✅ 服务时长已批准 #" + id).doesNotContain("待审核");
            assertThat(SandboxClient.buttonLabels(now)).isEmpty();
        }
        // the other leader's stale card cannot decide again
        String toast = sandbox.toast(sandbox.press(second, second, theirs.path("message_id").asInt(), "review:no:" + id));
        assertThat(toast).contains("已经审核");
    }

    @Test
    void aDecimalCommaInThePrivateChatIsAnHourAndAHalfNotFifteenHours() {
        long id = reportShift(member, "1，5");

        assertThat(record(id)).containsEntry("minutes", 90).containsEntry("status", "pending");
    }

    @Test
    void aRejectionTellsTheVolunteerTheReason() {
        JsonNode pick = volunteering.next(member, sandbox.say(member, member, "时长"), "为哪个班次申报");
        sandbox.pressLabel(member, member, pick.path("message_id").asInt(), "➕ 其他志愿活动");
        int asked = volunteering.next(member, pick.path("message_id").asInt(), "简要描述").path("message_id").asInt();
        volunteering.next(member, sandbox.say(member, member, "社区防疫宣传"), "哪一天");
        volunteering.next(member, sandbox.say(member, member, "昨天"), "多长时间");
        volunteering.next(member, sandbox.say(member, member, "2小时"), "补充一句说明");
        JsonNode summary = volunteering.next(member, sandbox.say(member, member, "发放宣传单"), "请确认");
        sandbox.pressLabel(member, member, summary.path("message_id").asInt(), "✅ 提交");
        String submitted = volunteering.next(member, summary.path("message_id").asInt(), "已提交").path("text").asString();
        long id = Long.parseLong(submitted.replaceAll("(?s).*#(\\d+).*", "$1"));
        assertThat(asked).isPositive();

        JsonNode card = card(id);
        assertThat(card.path("text").asString()).contains("社区防疫宣传", "发放宣传单");
        sandbox.pressLabel(leader, leader, card.path("message_id").asInt(), "❌ 驳回");
        volunteering.next(leader, card.path("message_id").asInt(), "请说明驳回记录");
        volunteering.next(leader, sandbox.say(leader, leader, "那天本队没有安排宣传活动"), "已驳回");

        assertThat(record(id)).containsEntry("status", "rejected").containsEntry("reject_reason", "那天本队没有安排宣传活动");
        assertThat(volunteering.next(member, 0, "未获批准").path("text").asString()).contains("那天本队没有安排宣传活动", "社区防疫宣传");
    }

    @Test
    void moreThanTheShiftNeedsTheLeadersExplicitChoice() {
        long id = reportShift(member, "5h");

        JsonNode card = card(id);
        assertThat(card.path("text").asString()).contains("超过班次时长 4小时");
        assertThat(SandboxClient.buttonLabels(card)).contains("✅ 批准全部 5小时（超过班次时长）", "✂️ 按班次时长批准 4小时")
                .doesNotContain("✅ 批准");
        sandbox.pressLabel(leader, leader, card.path("message_id").asInt(), "✂️ 按班次时长批准 4小时");
        sandbox.waitFor(leader, card.path("message_id").asInt(), m -> m.path("text").asString().contains("已批准 4小时"));

        assertThat(record(id)).containsEntry("minutes", 240).containsEntry("reported_minutes", 300);
    }

    @Test
    void aShiftAlreadyRecordedCannotBeReportedAgain() {
        JsonNode pick = volunteering.next(member, sandbox.say(member, member, "/hours"), "为哪个班次申报");
        sandbox.pressLabel(member, member, pick.path("message_id").asInt(), SandboxClient.buttonLabels(pick).get(0));
        volunteering.next(member, pick.path("message_id").asInt(), "你服务了多长时间");
        JsonNode note = volunteering.next(member, sandbox.say(member, member, "4"), "补充一句说明");
        // meanwhile the leader's check-out recorded the shift
        world.hours(member, call, null, YESTERDAY, 240, "attendance", "approved");
        sandbox.pressLabel(member, member, note.path("message_id").asInt(), "不需要");
        JsonNode summary = volunteering.next(member, note.path("message_id").asInt(), "请确认");
        sandbox.pressLabel(member, member, summary.path("message_id").asInt(), "✅ 提交");

        assertThat(volunteering.next(member, summary.path("message_id").asInt(), "不能重复申报").path("text").asString())
                .contains("核酸检测点早班");
        assertThat(jdbc.sql("select count(*) from hours_report where activity_id = :a and volunteer_id = :v")
                .param("a", call).param("v", world.volunteerId(member)).query(Integer.class).single()).isEqualTo(1);
        // and the shift is no longer offered
        JsonNode again = volunteering.next(member, sandbox.say(member, member, "/hours"), "简要描述");
        assertThat(again.path("text").asString()).doesNotContain("核酸检测点早班");
    }

    @Test
    void aDayHasAtMostTwentyFourHours() {
        world.hours(member, null, "通宵值守", YESTERDAY, 22 * 60, "self", "approved");
        JsonNode pick = volunteering.next(member, sandbox.say(member, member, "/hours"), "为哪个班次申报");
        sandbox.pressLabel(member, member, pick.path("message_id").asInt(), "➕ 其他志愿活动");
        volunteering.next(member, pick.path("message_id").asInt(), "简要描述");
        volunteering.next(member, sandbox.say(member, member, "物资搬运"), "哪一天");
        volunteering.next(member, sandbox.say(member, member, YESTERDAY.toString()), "多长时间");
        // refused where the duration is typed, which is asked again; nothing is written
        int typed = sandbox.say(member, member, "3h");
        assertThat(volunteering.next(member, typed, "一天最多 24 小时").path("text").asString())
                .contains("已记录 22小时", "最多还能申报 2小时");
        assertThat(sandbox.messages(member, typed)).noneMatch(m -> m.path("text").asString().contains("补充一句说明"));
        assertThat(jdbc.sql("select count(*) from hours_report where volunteer_id = :v").param("v", world.volunteerId(member))
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void onlyTheTeamsLeaderOrACoordinatorDecidesAndOnlyACoordinatorCorrects() {
        long id = reportShift(member, "4");
        int before = jdbc.sql("select count(*) from audit_log where actor_id = :u").param("u", other).query(Integer.class).single();

        // a forged press by a member of the same team
        int botMessage = volunteering.next(other, sandbox.say(other, other, "/myhours"), "我的服务时长").path("message_id").asInt();
        String refused = sandbox.toast(sandbox.press(other, other, botMessage, "review:ok:" + id));
        assertThat(refused).contains("只有该队的队长或协调员");
        assertThat(record(id)).containsEntry("status", "pending");
        assertThat(jdbc.sql("select count(*) from audit_log where actor_id = :u and action = 'hours.review_refused'").param("u", other)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where actor_id = :u").param("u", other).query(Integer.class).single())
                .isGreaterThan(before);

        JsonNode card = card(id);
        sandbox.pressLabel(leader, leader, card.path("message_id").asInt(), "✅ 批准");
        sandbox.waitFor(leader, card.path("message_id").asInt(), m -> m.path("text").asString().contains("已批准"));

        // the leader may not correct what is approved; a coordinator may, and it is audited
        assertThat(volunteering.next(leader, sandbox.say(leader, leader, "/correct " + id + " 3h 签退晚了"), "/correct").path("text").asString())
                .contains("没有使用 /correct 的权限");
        sandbox.createUser(EndToEndConfiguration.COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(EndToEndConfiguration.COORDINATOR);
        long coordinator = EndToEndConfiguration.COORDINATOR;
        assertThat(volunteering.next(coordinator, sandbox.say(coordinator, coordinator, "/correct " + id + " 3h 签退晚了"), "已更正")
                .path("text").asString()).contains("4小时 → 3小时");
        assertThat(record(id)).containsEntry("minutes", 180).containsEntry("status", "approved");
        assertThat(jdbc.sql("select detail::text from audit_log where actor_id = :u and action = 'hours.corrected' order by id desc limit 1")
                .param("u", coordinator).query(String.class).single()).contains("\"from\": 240", "\"to\": 180", "签退晚了");
        assertThat(volunteering.next(member, 0, "协调员更正了").path("text").asString()).contains("由 4小时 改为 3小时");
    }

    @Test
    void aLeaderCannotApproveTheirOwnHours() {
        world.enrol(call, leader);
        long id = reportShift(leader, "4");

        int message = sandbox.say(leader, leader, "/approve");
        JsonNode header = volunteering.next(leader, message, "待审核");
        String toast = sandbox.toast(sandbox.press(leader, leader, header.path("message_id").asInt(), "review:ok:" + id));

        assertThat(toast).contains("不能审核或更正自己的服务时长");
        assertThat(record(id)).containsEntry("status", "pending");
    }

    @Test
    void aSelfCheckedOutShiftWaitsForTheLeaderToo() {
        ledger.fromAttendance(world.volunteerId(member), call, YESTERDAY, 235, false);

        JsonNode card = volunteering.next(leader, 0, "签到签退记录");
        assertThat(card.path("text").asString()).contains("真名Member", "3小时55分钟");
        sandbox.pressLabel(leader, leader, card.path("message_id").asInt(), "✅ 批准");
        sandbox.waitFor(leader, card.path("message_id").asInt(), m -> m.path("text").asString().contains("已批准 3小时55分钟"));
        assertThat(jdbc.sql("select status from hours_report where activity_id = :a and volunteer_id = :v").param("a", call)
                .param("v", world.volunteerId(member)).query(String.class).single()).isEqualTo("approved");
    }
}
