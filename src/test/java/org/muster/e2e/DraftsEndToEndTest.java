package org.muster.e2e;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One wrong answer no longer costs the whole draft: a /recruit that gave up or was cancelled is offered
 * back by the next /recruit with everything typed so far; /grant asks again after an unknown @username;
 * an old button pressed in the middle of a sign-up is told it is out of date and the sign-up goes on;
 * /hours refuses more than the day's 24 hours where the duration is typed. Examples of dates come from
 * the test's clock (tomorrow in the organisation's zone), whatever day it starts on.
 */
@ClockedEndToEndTest
class DraftsEndToEndTest {

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

    @BeforeEach
    void setUp() {
        clock.set(ClockedEndToEndTest.START);
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
        // no conversation and no draft of another test
        volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/cancel"), "");
        jdbc.sql("delete from conversation_draft where user_id = :u").param("u", COORDINATOR).update();
    }

    @AfterEach
    void noDraftLeftForOtherTests() {
        volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/cancel"), "");
        jdbc.sql("delete from conversation_draft where user_id = :u").param("u", COORDINATOR).update();
    }

    private static LocalDate tomorrow() {
        return ClockedEndToEndTest.TODAY.plusDays(1);
    }

    private static String chineseDate(LocalDate date) {
        return date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** /recruit typed up to the time question, with a team chosen; returns the time question. */
    private JsonNode recruitUpToTheTime(String title, String team) {
        long me = COORDINATOR;
        volunteering.next(me, sandbox.say(me, me, "/recruit"), "招募标题");
        volunteering.next(me, sandbox.say(me, me, title), "任务内容");
        volunteering.next(me, sandbox.say(me, me, "协助信息登记"), "地点叫什么");
        volunteering.next(me, sandbox.say(me, me, "百家湖社区核酸检测点"), "分享地点位置");
        int area = volunteering.next(me, sandbox.say(me, me, "双龙大道 1000 号"), "哪个区域").path("message_id").asInt();
        sandbox.pressWhenShown(me, me, area, "江宁区");
        sandbox.pressWhenShown(me, me, area, "东山街道");
        sandbox.pressWhenShown(me, me, area, "百家湖社区");
        int teams = volunteering.next(me, area, "哪支队伍").path("message_id").asInt();
        sandbox.pressLabel(me, me, teams, team);
        return volunteering.next(me, teams, "服务时间");
    }

    private long[] team(String name) {
        long leader = world.volunteer("队长" + name, null);
        return world.teamWithGroup(name, leader, List.of());
    }

    @Test
    void threeWrongTimesKeepTheDraftAndTheNextRecruitResumesItWithEverythingTyped() {
        long me = COORDINATOR;
        long[] team = team("0草稿队");
        JsonNode asked = recruitUpToTheTime("夜间值守志愿者", "0草稿队");
        assertThat(asked.path("text").asString()).as("the example is tomorrow, by the clock").contains(tomorrow().toString());

        JsonNode again = volunteering.next(me, sandbox.say(me, me, "soon"), "没有看懂这个时间");
        assertThat(again.path("text").asString()).contains(tomorrow().toString()).doesNotContain("2026-12-01 08:00");
        volunteering.next(me, sandbox.say(me, me, "下周"), "没有看懂这个时间");
        assertThat(volunteering.next(me, sandbox.say(me, me, "whenever"), "输入多次无效").path("text").asString()).contains("/recruit");

        JsonNode offer = volunteering.next(me, sandbox.say(me, me, "/recruit"), "未完成的招募草稿");
        assertThat(offer.path("text").asString()).contains("夜间值守志愿者");
        assertThat(SandboxClient.buttonLabels(offer)).containsExactly("继续上次的草稿", "重新开始");
        sandbox.pressLabel(me, me, offer.path("message_id").asInt(), "继续上次的草稿");
        volunteering.next(me, offer.path("message_id").asInt(), "服务时间");

        // a night shift: the end before the start is the next day's
        volunteering.next(me, sandbox.say(me, me, "明天 22:00-06:00"), "多少人");
        int skills = volunteering.next(me, sandbox.say(me, me, "二十"), "专长").path("message_id").asInt();
        sandbox.pressLabel(me, me, skills, "完成");
        int target = volunteering.next(me, skills, "发给谁").path("message_id").asInt();
        sandbox.pressLabel(me, me, target, "完成");
        int reach = volunteering.next(me, target, "将发送到").path("message_id").asInt();
        JsonNode preview = sandbox.messages(me, target).stream()
                .filter(m -> m.path("text").asString().contains("招募：夜间值守志愿者")).findFirst().orElseThrow();
        assertThat(preview.path("text").asString()).contains("协助信息登记", "百家湖社区核酸检测点", "双龙大道 1000 号", "百家湖社区",
                chineseDate(tomorrow()) + " ", "22:00", chineseDate(tomorrow().plusDays(1)) + " ", "06:00", "需要 20 人");
        sandbox.pressLabel(me, me, reach, "✅ 发布");
        volunteering.next(me, reach, "已发布");

        Map<String, Object> call = jdbc.sql("""
                        select title, description, site_name, site_address, area_code, team_id, slots,
                               (starts_at at time zone 'Asia/Shanghai')::text as starts, (ends_at at time zone 'Asia/Shanghai')::text as ends
                        from activity where title = '夜间值守志愿者' order by id desc limit 1
                        """).query().singleRow();
        assertThat(call).containsEntry("description", "协助信息登记").containsEntry("site_name", "百家湖社区核酸检测点")
                .containsEntry("site_address", "双龙大道 1000 号").containsEntry("area_code", "jiangning.dongshan.baijiahu")
                .containsEntry("team_id", team[0]).containsEntry("slots", 20)
                .containsEntry("starts", tomorrow() + " 22:00:00").containsEntry("ends", tomorrow().plusDays(1) + " 06:00:00");
        // published: the draft is gone, the next /recruit starts afresh
        volunteering.next(me, sandbox.say(me, me, "/recruit"), "招募标题");
        assertThat(sandbox.messages(me, reach)).noneMatch(m -> m.path("text").asString().contains("未完成的招募草稿"));
    }

    @Test
    void aCancelledRecruitIsOfferedBackAndCanBeStartedOver() {
        long me = COORDINATOR;
        team("0取消队");
        recruitUpToTheTime("取消后的草稿", "0取消队");
        volunteering.next(me, sandbox.say(me, me, "/cancel"), "");

        JsonNode offer = volunteering.next(me, sandbox.say(me, me, "/recruit"), "未完成的招募草稿");
        assertThat(offer.path("text").asString()).contains("取消后的草稿");
        sandbox.pressLabel(me, me, offer.path("message_id").asInt(), "重新开始");
        volunteering.next(me, offer.path("message_id").asInt(), "招募标题");
        volunteering.next(me, sandbox.say(me, me, "新的招募"), "任务内容");
        volunteering.next(me, sandbox.say(me, me, "/cancel"), "");

        assertThat(volunteering.next(me, sandbox.say(me, me, "/recruit"), "未完成的招募草稿").path("text").asString())
                .contains("新的招募").doesNotContain("取消后的草稿");
    }

    @Test
    void grantAsksAgainAfterAnUnknownUsernameAndTheRightOneGrants() {
        long me = COORDINATOR;
        long eve = world.volunteer("Eve", "eve_grant_again");
        JsonNode menu = volunteering.next(me, sandbox.say(me, me, "/grant"), "角色管理");
        sandbox.pressLabel(me, me, menu.path("message_id").asInt(), "任命协调员");
        volunteering.next(me, menu.path("message_id").asInt(), "要任命谁");

        JsonNode unknown = volunteering.next(me, sandbox.say(me, me, "@nobody_by_that_name"), "没有找到用户名为");
        assertThat(unknown.path("text").asString()).contains("@nobody_by_that_name", "@用户名").doesNotContain("/grant 重新开始");
        assertThat(volunteering.next(me, sandbox.say(me, me, "@eve_grant_again"), "现在是协调员").path("text").asString())
                .contains(Long.toString(eve));
        assertThat(jdbc.sql("select count(*) from staff_role where user_id = :u").param("u", eve).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void oldButtonsInTheMiddleOfASignUpAreOutOfDateAndTheSignUpGoesOn() {
        long user = sandbox.createUser("按钮", "zh");
        long chat = sandbox.privateChat(user);
        volunteering.next(chat, sandbox.say(chat, user, "/start signup"), "真实姓名");
        volunteering.next(chat, sandbox.say(chat, user, "钱按钮"), "手机号");
        int shared = sandbox.shareContact(chat, user, "13800138222", user);
        int areaQuestion = sandbox.botMessagesUntil(chat, shared, Duration.ofSeconds(10), l -> l.size() >= 2).get(1).path("message_id").asInt();
        sandbox.pressWhenShown(chat, user, areaQuestion, "江宁区");
        sandbox.pressWhenShown(chat, user, areaQuestion, "东山街道");
        sandbox.pressWhenShown(chat, user, areaQuestion, "百家湖社区");
        int skills = volunteering.next(chat, areaQuestion, "专长").path("message_id").asInt();

        // three presses of buttons of the area question, which three wrong answers would have ended
        int asked = skills;
        for (String data : List.of("signup:area:jiangning", "signup:area:jiangning.dongshan", "signup:consent:yes")) {
            assertThat(sandbox.toast(sandbox.press(chat, user, areaQuestion, data))).contains("这个按钮已过期");
            asked = volunteering.next(chat, asked, "你有哪些专长").path("message_id").asInt();
        }
        sandbox.pressLabel(chat, user, asked, "完成");
        int availability = volunteering.next(chat, asked, "什么时候有空").path("message_id").asInt();
        // the deep link pressed again goes on with the sign-up instead of starting it over
        int link = sandbox.say(chat, user, "/start signup");
        assertThat(volunteering.next(chat, link, "报名还没有完成").path("text").asString()).doesNotContain("真实姓名");
        availability = volunteering.next(chat, link, "什么时候有空").path("message_id").asInt();
        sandbox.pressLabel(chat, user, availability, "周末");
        sandbox.waitFor(chat, availability, m -> SandboxClient.buttonLabels(m).contains("✅ 周末"));
        sandbox.pressLabel(chat, user, availability, "完成");
        int consent = volunteering.next(chat, availability, "隐私说明").path("message_id").asInt();
        sandbox.pressLabel(chat, user, consent, "同意");
        JsonNode review = volunteering.next(chat, consent, "请核对");
        assertThat(review.path("text").asString()).contains("钱按钮", "百家湖社区");
        sandbox.pressLabel(chat, user, review.path("message_id").asInt(), "✅ 确认提交");
        volunteering.next(chat, review.path("message_id").asInt(), "报名成功");
        assertThat(jdbc.sql("select count(*) from volunteer where telegram_user_id = :u").param("u", user).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void hoursBeyondTheDaysTwentyFourAreRefusedWhereTheDurationIsTyped() {
        long me = world.volunteer("熬夜", null);
        LocalDate yesterday = ClockedEndToEndTest.TODAY.minusDays(1);
        world.hours(me, null, "通宵值守", yesterday, 22 * 60, "self", "approved");
        int asked = sandbox.say(me, me, "/hours");
        JsonNode first = sandbox.botMessagesUntil(me, asked, Duration.ofSeconds(10), list -> list.stream().anyMatch(
                m -> m.path("text").asString().contains("为哪个班次申报") || m.path("text").asString().contains("简要描述"))).get(0);
        if (first.path("text").asString().contains("为哪个班次申报")) {
            sandbox.pressLabel(me, me, first.path("message_id").asInt(), "➕ 其他志愿活动");
            volunteering.next(me, first.path("message_id").asInt(), "简要描述");
        }
        volunteering.next(me, sandbox.say(me, me, "物资搬运"), "哪一天");
        volunteering.next(me, sandbox.say(me, me, yesterday.toString()), "多长时间");

        JsonNode refused = volunteering.next(me, sandbox.say(me, me, "3h"), "一天最多 24 小时");
        assertThat(refused.path("text").asString()).contains("已记录 22小时", "最多还能申报 2小时", "重新输入");
        JsonNode note = volunteering.next(me, sandbox.say(me, me, "两小时"), "补充一句说明");
        sandbox.pressLabel(me, me, note.path("message_id").asInt(), "不需要");
        int summary = volunteering.next(me, note.path("message_id").asInt(), "请确认").path("message_id").asInt();
        sandbox.pressLabel(me, me, summary, "✅ 提交");
        volunteering.next(me, summary, "已提交");
        assertThat(jdbc.sql("select sum(minutes) from hours_report where volunteer_id = :v").param("v", world.volunteerId(me))
                .query(Integer.class).single()).isEqualTo(24 * 60);
    }
}
