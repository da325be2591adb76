package org.muster.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * What people are told is what happened, in the order it happened, and a message shows its state
 * now: the answers a field trial found confusing or missing.
 */
@ClockedEndToEndTest
class FieldAnswersEndToEndTest {

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
    }

    private long call(String title) {
        Instant start = ClockedEndToEndTest.START.plus(Duration.ofDays(2));
        return world.call(title, null, start, start.plus(Duration.ofHours(4)), 10);
    }

    private static int indexOf(List<JsonNode> messages, String text) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).path("text").asString().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void signingUpFromACallSaysWelcomeFirstAndThenTheEnrolment() {
        long call = call("核酸采样点晚班");
        long user = sandbox.createUser("新人", "zh");
        long chat = sandbox.privateChat(user);
        volunteering.next(chat, sandbox.say(chat, user, "/start call_" + call), "真实姓名");
        volunteering.answerSignup(user, "新人甲", "13800138111");

        List<JsonNode> said = sandbox.botMessagesUntil(chat, 0, Duration.ofSeconds(10),
                list -> indexOf(list, "✅ 报名成功：") >= 0 && indexOf(list, "志愿者报名成功") >= 0);
        assertThat(indexOf(said, "志愿者报名成功")).as("the welcome comes before the enrolment").isLessThan(indexOf(said, "✅ 报名成功："));
        assertThat(said).filteredOn(m -> m.path("text").asString().contains("报名成功")).hasSize(2);
    }

    @Test
    void aClosedCallsLinkSaysSoBeforeTheSignUpAndPromisesNothing() {
        long call = call("已截止的招募");
        jdbc.sql("update activity set status = 'closed' where id = :a").param("a", call).update();
        long user = sandbox.createUser("迟到", "zh");
        long chat = sandbox.privateChat(user);
        int start = sandbox.say(chat, user, "/start call_" + call);
        List<JsonNode> said = sandbox.botMessagesUntil(chat, start, Duration.ofSeconds(10), list -> indexOf(list, "真实姓名") >= 0);
        assertThat(said.get(0).path("text").asString()).contains("已截止的招募", "已截止报名").doesNotContain("自动为你报上");

        volunteering.answerSignup(user, "迟到乙", "13800138112");
        List<JsonNode> after = sandbox.botMessagesBeforeMarker(chat, user, start);
        assertThat(after).noneMatch(m -> m.path("text").asString().contains("不能报名") || m.path("text").asString().contains("✅ 报名成功："));
        assertThat(jdbc.sql("select count(*) from enrollment where activity_id = :a").param("a", call).query(Long.class).single()).isZero();
    }

    @Test
    void appointingLeadersNamesWhoCouldNotBeFound() {
        long leader = world.volunteer("队长", null);
        long[] team = world.teamWithGroup("东山队", leader, List.of());
        long coordinator = EndToEndConfiguration.COORDINATOR;
        sandbox.createUser(coordinator, "Coordinator", "zh");
        sandbox.addMember(team[1], coordinator);
        int asked = sandbox.say(team[1], coordinator, "/leader@" + sandbox.get("/sandbox/api/bot").path("username").asString()
                + " @nobody_here_at_all");
        assertThat(volunteering.next(team[1], asked, "队长").path("text").asString()).contains("未找到或尚未报名", "@nobody_here_at_all");
    }

    @Test
    void aDayToComeIsNotReportableAndAUsedChoiceLosesItsButtons() {
        long me = world.volunteer("申报人", null);
        Instant yesterday = ClockedEndToEndTest.START.minus(Duration.ofDays(1));
        long shift = world.call("昨天的班", null, yesterday, yesterday.plus(Duration.ofHours(3)), 5);
        world.enrol(shift, me);

        JsonNode pick = volunteering.next(me, sandbox.say(me, me, "/hours"), "为哪个班次申报");
        int pickId = pick.path("message_id").asInt();
        assertThat(SandboxClient.buttonLabels(pick)).contains("➕ 其他志愿活动");
        sandbox.pressLabel(me, me, pickId, "➕ 其他志愿活动");
        volunteering.next(me, pickId, "请简要描述");
        assertThat(SandboxClient.buttonLabels(sandbox.waitFor(me, pickId, m -> SandboxClient.buttonLabels(m).isEmpty()))).isEmpty();

        JsonNode date = volunteering.next(me, sandbox.say(me, me, "社区防疫宣传"), "活动是哪一天");
        assertThat(volunteering.next(me, sandbox.say(me, me, "明天"), "不能为未来的日期").path("text").asString())
                .doesNotContain("没看懂");
        assertThat(date.path("message_id").asInt()).isPositive();
    }

    @Test
    void leavingFromMyShiftsRedrawsTheListAndTheEnrolmentCard() {
        long me = world.volunteer("退出者", null);
        long group = sandbox.group("退出测试群", me);
        // the enrol button's data is all that counts (anyone may enrol through a call's public link too):
        // pressed on the bot's greeting, it enrols as from a call's copy, and the private card is remembered
        int greeting = sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> !list.isEmpty()).get(0).path("message_id").asInt();
        long first = call("第一个班");
        Instant later = ClockedEndToEndTest.START.plus(Duration.ofDays(3));
        long second = world.call("第二个班", null, later, later.plus(Duration.ofHours(4)), 10);
        JsonNode card = null;
        for (long call : List.of(first, second)) {
            assertThat(sandbox.toast(sandbox.press(group, me, greeting, "enrol:" + call))).contains("报名成功");
            JsonNode sent = volunteering.next(me, 0, "✅ 报名成功：" + (call == first ? "第一个班" : "第二个班"));
            if (call == first) {
                card = sent;
            }
        }
        assertThat(card).isNotNull();
        int cardId = card.path("message_id").asInt();

        JsonNode list = volunteering.next(me, sandbox.say(me, me, "/myshifts"), "第二个班");
        int listId = list.path("message_id").asInt();
        assertThat(list.path("text").asString()).contains("第一个班", "第二个班");
        String leaveFirst = SandboxClient.buttonData(list).stream().filter(d -> d.startsWith("leave:" + first + ":")).findFirst().orElseThrow();
        assertThat(sandbox.toast(sandbox.press(me, me, listId, leaveFirst))).isNotEmpty();

        JsonNode redrawn = sandbox.waitFor(me, listId, m -> !m.path("text").asString().contains("第一个班"));
        assertThat(redrawn.path("text").asString()).contains("第二个班");
        assertThat(SandboxClient.buttonData(redrawn)).noneMatch(d -> d.startsWith("leave:" + first + ":"))
                .anyMatch(d -> d.startsWith("leave:" + second + ":"));
        JsonNode cardNow = sandbox.waitFor(me, cardId, m -> m.path("text").asString().contains("已退出"));
        assertThat(cardNow.path("text").asString()).contains("第一个班").doesNotContain("报名成功");
        assertThat(SandboxClient.buttonLabels(cardNow)).isEmpty();
    }
}
