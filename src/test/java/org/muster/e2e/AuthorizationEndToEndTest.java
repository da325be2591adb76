package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every role against every command and button of the teams-and-groups features: allowed or
 * refused as specified, refusals audited. Buttons are pressed with forged data on the bot's own
 * messages, as a modified client could.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationEndToEndTest {

    enum Who { ANYONE, VOLUNTEER, LEADER_A, LEADER_B, COORDINATOR }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private SandboxClient sandbox;
    private final Map<Who, Long> users = new java.util.EnumMap<>(Who.class);
    private long teamA;
    private String codeA;
    private String codeBindable;
    private long groupA;

    @BeforeAll
    void people() {
        sandbox = new SandboxClient(port);
        users.put(Who.COORDINATOR, sandbox.createUser(EndToEndConfiguration.COORDINATOR, "Coordinator", "zh"));
        for (Who who : List.of(Who.ANYONE, Who.VOLUNTEER, Who.LEADER_A, Who.LEADER_B)) {
            users.put(who, sandbox.createUser(who.name(), "zh"));
        }
        users.values().forEach(sandbox::privateChat);
        for (Who who : List.of(Who.VOLUNTEER, Who.LEADER_A, Who.LEADER_B, Who.COORDINATOR)) {
            volunteer(users.get(who));
        }
        codeA = code();
        teamA = team("Team A " + codeA, codeA);
        long teamB = team("Team B", code());
        member(teamA, users.get(Who.LEADER_A), true);
        // a second team of leader A's, for binding new groups without moving team A away from group A
        codeBindable = code();
        member(team("Team A2", codeBindable), users.get(Who.LEADER_A), true);
        member(teamB, users.get(Who.LEADER_B), true);
        member(teamA, users.get(Who.VOLUNTEER), false);
        groupA = sandbox.group("Group A", users.values().toArray(Long[]::new));
        int bind = sandbox.say(groupA, users.get(Who.COORDINATOR), "/bind " + codeA);
        sandbox.botMessagesUntil(groupA, bind, Duration.ofSeconds(10), l -> l.stream().anyMatch(m -> m.path("text").asString().contains("已绑定")));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("/profile", Place.PRIVATE, false, true, true, true, true),
                row("/forgetme", Place.PRIVATE, false, true, true, true, true),
                row("/team", Place.PRIVATE, false, false, true, true, true),
                row("/grant", Place.PRIVATE, false, false, false, false, true),
                row("/bind CODE_A2", Place.NEW_GROUP, false, false, true, false, true),
                row("/subscribe", Place.GROUP_A, false, false, true, false, true),
                row("/unsubscribe", Place.GROUP_A, false, false, true, false, true),
                row("/leader", Place.GROUP_A, false, false, false, false, true),
                row("/settings", Place.GROUP_A, true, true, true, true, true),
                row("button sub:all", Place.GROUP_A, false, false, true, false, true),
                row("button gset:lang:zh", Place.GROUP_A, false, false, true, false, true),
                row("button team:show:TEAM_A", Place.PRIVATE, false, false, true, false, true),
                row("button team:new", Place.PRIVATE, false, false, false, false, true),
                row("button grant:add", Place.PRIVATE, false, false, false, false, true),
                row("button forget:no", Place.PRIVATE, false, true, true, true, true));
    }

    enum Place { PRIVATE, GROUP_A, NEW_GROUP }

    private static Arguments row(String action, Place place, boolean anyone, boolean volunteer, boolean leaderA, boolean leaderB,
                                 boolean coordinator) {
        return Arguments.of(action, place, Map.of(Who.ANYONE, anyone, Who.VOLUNTEER, volunteer, Who.LEADER_A, leaderA,
                Who.LEADER_B, leaderB, Who.COORDINATOR, coordinator));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("table")
    void eachRoleIsAllowedOrRefusedAsSpecified(String action, Place place, Map<Who, Boolean> allowed) {
        for (Who who : Who.values()) {
            long user = users.get(who);
            long chat = switch (place) {
                case PRIVATE -> user;
                case GROUP_A -> groupA;
                case NEW_GROUP -> sandbox.group("New group", user, users.get(Who.COORDINATOR));
            };
            int auditBefore = refusals(user);
            String answer = action.startsWith("button ") ? press(chat, user, action.substring("button ".length()))
                    : say(chat, user, action.replace("CODE_A2", codeBindable).replace("CODE_A", codeA));
            boolean refused = answer.contains("没有使用") || answer.contains("只有协调员") || answer.contains("还没有报名")
                    || answer.contains("只有协调员可以管理角色");
            assertThat(!refused).as(who + " → " + action + " answered: " + answer + " " + lastRefusal(user)).isEqualTo(allowed.get(who));
            if (refused) {
                assertThat(refusals(user)).as("refusal of " + who + " audited").isGreaterThan(auditBefore);
            }
        }
    }

    private String say(long chat, long user, String text) {
        int id = sandbox.say(chat, user, text);
        // the answer to this command: in a group, the bot quotes the command's message
        List<JsonNode> replies = sandbox.botMessagesUntil(chat, id, Duration.ofSeconds(10), list -> list.stream()
                .anyMatch(m -> chat == user || m.path("reply_to_message_id").asInt() == id || isPanel(m)));
        return replies.stream().filter(m -> chat == user || m.path("reply_to_message_id").asInt() == id || isPanel(m))
                .findFirst().orElseThrow().path("text").asString();
    }

    private static boolean isPanel(JsonNode m) {
        return m.path("text").asString().contains("本群接收的招募") || m.path("text").asString().contains("本群设置")
                || m.path("text").asString().contains("本群不再接收招募");
    }

    private String press(long chat, long user, String data) {
        int botMessage = sandbox.lastBotMessage(chat).path("message_id").asInt(0);
        if (botMessage == 0) {
            botMessage = sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/help")).path("message_id").asInt();
        }
        String id = sandbox.press(chat, user, botMessage, data.replace("TEAM_A", Long.toString(teamA)));
        String toast = sandbox.toast(id);
        if (!toast.isEmpty()) {
            return toast;
        }
        // allowed buttons answer with an edit or a message rather than a toast
        return "(handled)";
    }

    private String lastRefusal(long user) {
        return jdbc.sql("select action || ' ' || detail::text from audit_log where actor_id = :u order by id desc limit 1")
                .param("u", user).query(String.class).optional().orElse("");
    }

    private int refusals(long user) {
        return jdbc.sql("select count(*) from audit_log where actor_id = :u and action in ('refused', 'command.refused', 'button.refused')")
                .param("u", user).query(Integer.class).single();
    }

    private void volunteer(long user) {
        jdbc.sql("""
                insert into volunteer (public_id, telegram_user_id, real_name, phone, area_code, consent_at)
                values (:id, :user, 'Test Person', '+8613800000000', 'jiangning.lukou', now())
                """).param("id", "T" + user).param("user", user).update();
    }

    private long team(String name, String code) {
        return jdbc.sql("insert into team (name, area_code, join_code, created_by) values (:n, 'jiangning', :c, 1) returning id")
                .param("n", name).param("c", code).query(Long.class).single();
    }

    private void member(long team, long user, boolean leader) {
        jdbc.sql("""
                insert into team_member (team_id, volunteer_id, role)
                select :t, id, :role from volunteer where telegram_user_id = :u
                """).param("t", team).param("u", user).param("role", leader ? "leader" : "member").update();
    }

    private static String code() {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
