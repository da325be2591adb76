package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A coordinator builds a team, volunteers join it, its group is bound and subscribed, leaders are appointed. */
@EndToEndTest
class TeamsEndToEndTest {

    private static final long COORDINATOR = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private SandboxClient sandbox;
    private Volunteering volunteering;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        volunteering = new Volunteering(sandbox);
        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
    }

    /** Creates a team through /team and returns its join code. */
    private String createTeam(String name) {
        JsonNode menu = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/team"), "队伍");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, menu.path("message_id").asInt(), "➕ 创建新队伍");
        volunteering.next(COORDINATOR, menu.path("message_id").asInt(), "叫什么名字");
        JsonNode area = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, name), "服务哪个区域");
        int question = area.path("message_id").asInt();
        sandbox.pressWhenShown(COORDINATOR, COORDINATOR, question, "江宁区");
        sandbox.pressWhenShown(COORDINATOR, COORDINATOR, question, "禄口街道");
        sandbox.pressWhenShown(COORDINATOR, COORDINATOR, question, "整个禄口街道");
        JsonNode created = volunteering.next(COORDINATOR, question, "队伍已创建");
        assertThat(created.path("text").asString()).contains(name, "江宁区 › 禄口街道", "https://t.me/muster_sandbox_bot?start=join_");
        return jdbc.sql("select join_code from team where name = :name").param("name", name).query(String.class).single();
    }

    private long teamId(String code) {
        return jdbc.sql("select id from team where join_code = :code").param("code", code).query(Long.class).single();
    }

    @Test
    void aNewcomerFollowsTheJoinLinkSignsUpAndIsInTheTeam() {
        String code = createTeam("禄口空港志愿队");
        long volunteer = sandbox.createUser("Gang", "zh");
        long chat = sandbox.privateChat(volunteer);

        int started = sandbox.say(chat, volunteer, "/start join_" + code);
        assertThat(volunteering.next(chat, started, "请先报名").path("text").asString()).contains("禄口空港志愿队");
        volunteering.next(chat, started, "真实姓名");
        volunteering.answerSignup(volunteer, "刘刚", "13700137000");

        assertThat(volunteering.next(chat, started, "你已加入").path("text").asString()).contains("禄口空港志愿队");
        assertThat(jdbc.sql("""
                select count(*) from team_member m join volunteer v on v.id = m.volunteer_id
                where v.telegram_user_id = :u and m.team_id = :t and m.role = 'member'
                """).param("u", volunteer).param("t", teamId(code)).query(Integer.class).single()).isEqualTo(1);
        int again = sandbox.say(chat, volunteer, "/start join_" + code);
        assertThat(volunteering.next(chat, again, "已经是").path("text").asString()).contains("禄口空港志愿队");
    }

    @Test
    void theGroupIsBoundSubscribedAndWelcomesNewcomersOnce() {
        String code = createTeam("石埝村志愿队");
        long leader = sandbox.createUser("Hua", "zh");
        long group = sandbox.group("石埝村志愿者群", COORDINATOR, leader);

        int bind = sandbox.say(group, COORDINATOR, "/bind " + code);
        assertThat(volunteering.next(group, bind, "已绑定").path("text").asString()).contains("石埝村志愿队");
        assertThat(jdbc.sql("select team_id from group_chat where chat_id = :c").param("c", group).query(Long.class).single())
                .isEqualTo(teamId(code));

        JsonNode panel = volunteering.next(group, sandbox.say(group, COORDINATOR, "/subscribe"), "本群接收的招募");
        int panelId = panel.path("message_id").asInt();
        sandbox.pressLabel(group, COORDINATOR, panelId, "江宁区 ›");
        sandbox.pressWhenShown(group, COORDINATOR, panelId, "禄口街道");
        sandbox.waitFor(group, panelId, m -> m.path("text").asString().contains("禄口街道"));
        sandbox.pressWhenShown(group, COORDINATOR, panelId, "医疗护理");
        JsonNode subscribed = sandbox.waitFor(group, panelId, m -> m.path("text").asString().contains("专长：医疗护理"));
        assertThat(subscribed.path("text").asString()).contains("区域：江宁区 › 禄口街道");
        Map<String, Object> row = jdbc.sql("select all_calls, area_codes::text as areas, skill_codes::text as skills from subscription where chat_id = :c")
                .param("c", group).query().singleRow();
        assertThat(row).containsEntry("all_calls", false).containsEntry("areas", "{jiangning.lukou}").containsEntry("skills", "{medical}");

        JsonNode settings = volunteering.next(group, sandbox.say(group, leader, "/settings"), "本群设置");
        assertThat(settings.path("text").asString()).contains("石埝村志愿队", "禄口街道", "医疗护理", "中文");

        long newcomer = sandbox.createUser("Newbie", "zh");
        int before = lastId(group);
        sandbox.addMember(group, newcomer);
        JsonNode welcome = volunteering.next(group, before, "欢迎新成员");
        assertThat(SandboxClient.buttonUrls(welcome)).containsExactly("https://t.me/muster_sandbox_bot?start=signup");
        sandbox.removeMember(group, newcomer);
        sandbox.addMember(group, newcomer);
        int afterRejoin = lastId(group);
        sandbox.say(group, COORDINATOR, "/settings");
        volunteering.next(group, afterRejoin, "本群设置");
        assertThat(SandboxClient.texts(sandbox.messages(group, welcome.path("message_id").asInt())))
                .noneMatch(text -> text.contains("欢迎新成员"));
    }

    @Test
    void aCoordinatorAppointsALeaderByReplyingInTheGroupAndByPickingFromTheTeam() {
        String code = createTeam("淳化街道志愿队");
        long alice = sandbox.createUser("Alice", "zh");
        long bob = sandbox.createUser("Bob", "zh");
        volunteering.signUp(alice, "周丽", "13600136001");
        volunteering.signUp(bob, "吴波", "13600136002");
        sandbox.say(alice, alice, "/start join_" + code);
        volunteering.next(alice, 1, "你已加入");
        sandbox.say(bob, bob, "/start join_" + code);
        volunteering.next(bob, 1, "你已加入");
        long group = sandbox.group("淳化志愿者群", COORDINATOR, alice, bob);
        volunteering.next(group, sandbox.say(group, COORDINATOR, "/bind " + code), "已绑定");

        int aliceSays = sandbox.say(group, alice, "我可以负责签到");
        int appointed = sandbox.reply(group, COORDINATOR, aliceSays, "/leader");
        assertThat(volunteering.next(group, appointed, "队长").path("text").asString()).contains("已任命 1 人").doesNotContain("周丽");
        assertThat(volunteering.next(alice, 1, "你已被任命").path("text").asString()).contains("淳化街道志愿队");
        assertThat(leader(code, alice)).isTrue();

        JsonNode team = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/team " + code), "队伍码");
        assertThat(team.path("text").asString()).contains("队长：周丽", "成员：2 人", "淳化志愿者群");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, team.path("message_id").asInt(), "任命队长");
        JsonNode pick = volunteering.next(COORDINATOR, team.path("message_id").asInt(), "请选择");
        assertThat(SandboxClient.buttonLabels(pick)).containsExactly("吴波");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, pick.path("message_id").asInt(), "吴波");
        volunteering.next(COORDINATOR, pick.path("message_id").asInt(), "吴波 现在是");
        assertThat(leader(code, bob)).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'leader.appointed' and actor_id = :c and chat_id in (:g, :p)")
                .param("c", COORDINATOR).param("g", group).param("p", COORDINATOR).query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aLeaderCanBeAppointedByMentioningTheirUsername() {
        String code = createTeam("元通社区志愿队");
        long carol = sandbox.post("/sandbox/api/users", Map.of("first_name", "Carol", "username", "carol_yt", "language_code", "zh"))
                .path("id").asLong();
        volunteering.signUp(carol, "郑洁", "13600136003");
        long group = sandbox.group("元通志愿者群", COORDINATOR, carol);
        volunteering.next(group, sandbox.say(group, COORDINATOR, "/bind " + code), "已绑定");

        int appointed = sandbox.say(group, COORDINATOR, "/leader @carol_yt @nobody_here");

        assertThat(volunteering.next(group, appointed, "队长").path("text").asString()).contains("已任命 1 人", "未找到或尚未报名：@nobody_here");
        assertThat(leader(code, carol)).isTrue();
        int removed = sandbox.say(group, COORDINATOR, "/leader remove @carol_yt");
        assertThat(volunteering.next(group, removed, "撤销").path("text").asString()).contains("已撤销 1 人");
        assertThat(leader(code, carol)).isFalse();
    }

    @Test
    void aCoordinatorGrantsAndRevokesTheCoordinatorRole() {
        long dan = sandbox.createUser("Dan", "zh");
        sandbox.privateChat(dan);
        volunteering.signUp(dan, "冯丹", "13600136004");
        assertThat(volunteering.next(dan, sandbox.say(dan, dan, "/grant"), "权限").path("text").asString()).contains("/grant");

        JsonNode menu = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/grant"), "角色管理");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, menu.path("message_id").asInt(), "任命协调员");
        volunteering.next(COORDINATOR, menu.path("message_id").asInt(), "要任命谁");
        int shared = sandbox.shareContact(COORDINATOR, COORDINATOR, "+8613600136004", dan);
        assertThat(volunteering.next(COORDINATOR, shared, "现在是协调员").path("text").asString()).contains(Long.toString(dan));
        assertThat(volunteering.next(dan, 1, "你已被任命为协调员").path("text").asString()).contains("/help");
        assertThat(volunteering.next(dan, sandbox.say(dan, dan, "/grant"), "角色管理")).isNotNull();

        JsonNode again = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/grant"), "角色管理");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, again.path("message_id").asInt(), "撤销协调员");
        JsonNode pick = volunteering.next(COORDINATOR, again.path("message_id").asInt(), "要撤销的协调员");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, pick.path("message_id").asInt(), "冯丹");
        volunteering.next(COORDINATOR, pick.path("message_id").asInt(), "冯丹 不再是协调员");
        assertThat(volunteering.next(dan, sandbox.say(dan, dan, "/grant"), "权限").path("text").asString()).contains("/grant");
        assertThat(jdbc.sql("select count(*) from audit_log where actor_id = :c and action in ('role.granted', 'role.revoked') "
                + "and detail->>'user' = :d").param("c", COORDINATOR).param("d", Long.toString(dan)).query(Integer.class).single())
                .isEqualTo(2);
    }

    @Test
    void aGroupThatBecomesASupergroupKeepsItsTeamAndSubscriptions() {
        String code = createTeam("锁金村志愿队");
        long group = sandbox.post("/sandbox/api/chats", Map.of("type", "group", "title", "锁金村群", "members", List.of(COORDINATOR)))
                .path("id").asLong();
        volunteering.next(group, sandbox.say(group, COORDINATOR, "/bind " + code), "已绑定");
        JsonNode panel = volunteering.next(group, sandbox.say(group, COORDINATOR, "/subscribe"), "本群接收的招募");
        sandbox.pressLabel(group, COORDINATOR, panel.path("message_id").asInt(), "全部招募");
        sandbox.waitFor(group, panel.path("message_id").asInt(), m -> SandboxClient.buttonLabels(m).contains("✅ 全部招募"));

        long supergroup = sandbox.post("/sandbox/api/chats/" + group + "/migrate", Map.of()).path("id").asLong();

        JsonNode settings = volunteering.next(supergroup, sandbox.say(supergroup, COORDINATOR, "/settings"), "本群设置");
        assertThat(settings.path("text").asString()).contains("锁金村志愿队", "全部招募");
        assertThat(jdbc.sql("select team_id from group_chat where chat_id = :c").param("c", supergroup).query(Long.class).single())
                .isEqualTo(teamId(code));
        assertThat(jdbc.sql("select all_calls from subscription where chat_id = :c").param("c", supergroup).query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from group_chat where chat_id = :c").param("c", group).query(Integer.class).single()).isZero();
    }

    private boolean leader(String code, long user) {
        return jdbc.sql("""
                select exists (select 1 from team_member m join volunteer v on v.id = m.volunteer_id join team t on t.id = m.team_id
                               where v.telegram_user_id = :u and t.join_code = :code and m.role = 'leader')
                """).param("u", user).param("code", code).query(Boolean.class).single();
    }

    private int lastId(long chat) {
        return sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElse(0);
    }

}
