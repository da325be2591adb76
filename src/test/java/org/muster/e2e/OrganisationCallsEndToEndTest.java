package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.recruitment.CallPublisher;
import org.muster.recruitment.NewCall;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Calls belong to the organisation: every coordinator sees all current calls in /calls (or only
 * their own), a page at a time, and closes or cancels a colleague's call, audited as theirs; a
 * closed or cancelled call says so on its cards and in the list.
 */
@EndToEndTest
class OrganisationCallsEndToEndTest {

    private static final long FIRST = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallPublisher publisher;

    private SandboxClient sandbox;
    private Volunteering volunteering;
    private long second;
    private long group;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        volunteering = new Volunteering(sandbox);
        sandbox.createUser(FIRST, "Coordinator", "zh");
        sandbox.privateChat(FIRST);
        second = sandbox.createUser("第二协调员", "zh");
        sandbox.privateChat(second);
        jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:u, 'coordinator', :by)").param("u", second).param("by", FIRST)
                .update();
        long member = sandbox.createUser("群成员", "zh");
        group = sandbox.group("组织招募群", member);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("select count(*) from group_chat where chat_id = :c").param("c", group).query(Integer.class).single() == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        jdbc.sql("insert into subscription (chat_id, all_calls) values (:c, true)").param("c", group).update();
    }

    private long call(String title, long by, int days) {
        Instant start = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
        return publisher.publish(new NewCall(title, "现场服务", "百家湖核酸检测点", null, null, "jiangning.dongshan.baijiahu", start,
                start.plus(Duration.ofHours(4)), 5, List.of(), null), by, Locale.SIMPLIFIED_CHINESE);
    }

    /** The list message after it was redrawn by pressing {@code label}. */
    private JsonNode press(long user, JsonNode list, String label) {
        int id = list.path("message_id").asInt();
        String before = list.path("text").asString() + SandboxClient.buttonLabels(list);
        sandbox.pressLabel(user, user, id, label);
        return sandbox.waitFor(user, id, m -> !(m.path("text").asString() + SandboxClient.buttonLabels(m)).equals(before));
    }

    /** {@code /calls} ("all"), paged on until the page that lists the call. */
    private JsonNode pageWith(long user, String title) {
        JsonNode list = volunteering.next(user, sandbox.say(user, user, "/calls"), "全部招募");
        for (int i = 0; i < 50 && !SandboxClient.buttonLabels(list).contains(title); i++) {
            list = press(user, list, "下一页 ▶");
        }
        assertThat(SandboxClient.buttonLabels(list)).contains(title);
        return list;
    }

    private int audits(String action, long actor, long call) {
        return jdbc.sql("select count(*) from audit_log where action = :a and actor_id = :u and detail ->> 'call' = :c")
                .param("a", action).param("u", actor).param("c", Long.toString(call)).query(Integer.class).single();
    }

    @Test
    void aSecondCoordinatorSeesAndClosesAndCancelsAColleaguesCalls() {
        long closing = call("同事的招募·截止", FIRST, 5);
        long cancelling = call("同事的招募·取消", FIRST, 6);
        call("我自己的招募", second, 7);
        int card = sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(20),
                        l -> l.stream().anyMatch(m -> m.path("text").asString().contains("同事的招募·截止")))
                .stream().filter(m -> m.path("text").asString().contains("同事的招募·截止")).findFirst().orElseThrow().path("message_id").asInt();

        // all: the colleague's calls too, mine marked; mine: only mine
        JsonNode list = pageWith(second, "同事的招募·截止");
        assertThat(SandboxClient.buttonLabels(list)).contains("● 全部", "我发布的");
        JsonNode mine = press(second, list, "我发布的");
        assertThat(mine.path("text").asString()).contains("我发布的招募", "我自己的招募").doesNotContain("同事的招募");
        assertThat(SandboxClient.buttonLabels(mine)).contains("全部", "● 我发布的").doesNotContain("同事的招募·截止");
        JsonNode all = press(second, mine, "全部");
        assertThat(all.path("text").asString()).contains("全部招募");

        // close the colleague's call: done, audited as the second coordinator's, and every copy says so
        list = pageWith(second, "同事的招募·截止");
        sandbox.pressLabel(second, second, list.path("message_id").asInt(), "同事的招募·截止");
        JsonNode details = volunteering.next(second, list.path("message_id").asInt(), "同事的招募·截止");
        assertThat(SandboxClient.buttonLabels(details)).contains("截止报名", "👥 名单");
        sandbox.pressLabel(second, second, details.path("message_id").asInt(), "截止报名");
        volunteering.next(second, details.path("message_id").asInt(), "已截止报名");
        JsonNode redrawn = sandbox.waitFor(second, details.path("message_id").asInt(), m -> m.path("text").asString().contains("已截止"));
        assertThat(redrawn.path("text").asString()).doesNotContain("报名中");
        assertThat(SandboxClient.buttonLabels(redrawn)).doesNotContain("截止报名");
        assertThat(jdbc.sql("select status from activity where id = :a").param("a", closing).query(String.class).single()).isEqualTo("closed");
        assertThat(audits("call.closed", second, closing)).isEqualTo(1);
        assertThat(audits("call.closed", FIRST, closing)).isZero();
        JsonNode closedCard = sandbox.waitFor(group, card, m -> m.path("text").asString().contains("报名已截止"));
        assertThat(closedCard.path("text").asString()).contains("招募（已截止）：同事的招募·截止");
        assertThat(SandboxClient.buttonLabels(closedCard)).isEmpty();
        String line = pageWith(second, "同事的招募·截止").path("text").asString().lines()
                .dropWhile(l -> !l.contains("同事的招募·截止")).skip(1).findFirst().orElseThrow();
        assertThat(line).contains("已截止").doesNotContain("报名中");

        // cancel the other, from the first coordinator's view of it too
        list = pageWith(second, "同事的招募·取消");
        sandbox.pressLabel(second, second, list.path("message_id").asInt(), "同事的招募·取消");
        details = volunteering.next(second, list.path("message_id").asInt(), "同事的招募·取消");
        sandbox.pressLabel(second, second, details.path("message_id").asInt(), "取消招募");
        JsonNode confirm = volunteering.next(second, details.path("message_id").asInt(), "确定要取消");
        sandbox.pressLabel(second, second, confirm.path("message_id").asInt(), "确定取消");
        volunteering.next(second, confirm.path("message_id").asInt(), "已取消");
        assertThat(jdbc.sql("select status from activity where id = :a").param("a", cancelling).query(String.class).single())
                .isEqualTo("cancelled");
        assertThat(audits("call.cancelled", second, cancelling)).isEqualTo(1);
        JsonNode seenByFirst = pageWith(FIRST, "同事的招募·取消");
        assertThat(seenByFirst.path("text").asString()).contains("同事的招募·取消");
    }

    @Test
    void theListIsPagedWithinTelegramsLimits() {
        for (int i = 0; i < 10; i++) {
            call("分页的招募 " + i, second, 10 + i);
        }
        JsonNode list = volunteering.next(second, sandbox.say(second, second, "/calls"), "全部招募");
        assertThat(SandboxClient.buttonLabels(list)).contains("下一页 ▶");
        assertThat(SandboxClient.buttonData(list)).allSatisfy(d -> assertThat(d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(64));
        JsonNode next = press(second, list, "下一页 ▶");
        assertThat(SandboxClient.buttonLabels(next)).contains("◀ 上一页");
        JsonNode mine = press(second, next, "我发布的");
        int total = jdbc.sql("select count(*) from activity where created_by = :u").param("u", second).query(Integer.class).single();
        assertThat(mine.path("text").asString()).contains("我发布的招募（共 " + total + " 个）");
    }
}
