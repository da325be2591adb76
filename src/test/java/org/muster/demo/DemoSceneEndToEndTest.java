package org.muster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The demo scene is one a newcomer can use at once: answer the call, check people in, report hours. */
@EndToEndTest
class DemoSceneEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoHasPeopleTeamsGroupsAndCallsThatWork() {
        SandboxClient sandbox = new SandboxClient(port);
        Volunteering volunteering = new Volunteering(sandbox);
        JsonNode scene = sandbox.post("/sandbox/api/demo", Map.of());
        JsonNode people = scene.path("people");
        JsonNode groups = scene.path("groups");
        long call = scene.path("call").asLong();

        assertThat(people.size()).isEqualTo(15);
        assertThat(jdbc.sql("select count(*) from staff_role where user_id = :u and role = 'coordinator'")
                .param("u", scene.path("coordinator").asLong()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from volunteer where telegram_user_id = any(:ids)")
                .param("ids", people.valueStream().map(JsonNode::asLong).toArray(Long[]::new)).query(Integer.class).single()).isEqualTo(11);
        assertThat(jdbc.sql("select count(*) from group_chat where chat_id = any(:ids) and team_id is not null")
                .param("ids", groups.valueStream().map(JsonNode::asLong).toArray(Long[]::new)).query(Integer.class).single()).isEqualTo(2);

        // the call reached all three groups, with the three places taken
        for (JsonNode group : groups) {
            JsonNode posted = sandbox.botMessagesUntil(group.asLong(), 0, java.time.Duration.ofSeconds(15),
                    list -> list.stream().anyMatch(m -> m.path("text").asString().contains("已报名 3/20"))).stream()
                    .filter(m -> m.path("text").asString().contains("百家湖核酸检测点 · 早班")).findFirst().orElseThrow();
            assertThat(SandboxClient.buttonLabels(posted)).contains("🙋 我报名");
        }

        // a signed-up volunteer answers it
        long huang = people.path("黄磊").asLong();
        long groupB = groups.path("东山街道志愿者群").asLong();
        int copy = sandbox.botMessagesUntil(groupB, 0, java.time.Duration.ofSeconds(5), list -> true).stream()
                .filter(m -> m.path("text").asString().contains("早班")).findFirst().orElseThrow().path("message_id").asInt();
        assertThat(sandbox.toast(sandbox.pressLabel(groupB, huang, copy, "🙋 我报名"))).contains("报名成功");
        assertThat(jdbc.sql("select count(*) from enrollment where activity_id = :a and status = 'confirmed'").param("a", call)
                .query(Integer.class).single()).isEqualTo(4);

        // team B's leader checks in today's shift in the team's group
        long leader = people.path("赵敏").asLong();
        JsonNode roster = volunteering.next(groupB, sandbox.say(groupB, leader, "/checkin"), "签到：东山街道卡口值守");
        assertThat(SandboxClient.buttonLabels(roster)).contains("⬜ 黄磊", "⬜ 周婷", "⬜ 吴昊", "⬜ Alex Chen");

        // and yesterday's shift can be reported
        long zhang = people.path("张伟").asLong();
        JsonNode pick = volunteering.next(zhang, sandbox.say(zhang, zhang, "/hours"), "为哪个班次申报");
        assertThat(SandboxClient.buttonLabels(pick)).anyMatch(label -> label.contains("昨日早班"));
    }
}
