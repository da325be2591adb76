package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Sign-up as volunteers meet it: from a group into the private chat, by buttons and typing. */
@EndToEndTest
class SignupEndToEndTest {

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
    }

    private Map<String, Object> record(long user) {
        return jdbc.sql("select public_id, real_name, phone, area_code, skills::text as skills, availability::text as availability, "
                        + "consent_at is not null as consented from volunteer where telegram_user_id = :u")
                .param("u", user).query().singleRow();
    }

    @Test
    void aVolunteerStartsInAGroupFollowsTheLinkAndSignsUpWithoutAnythingPersonalInTheGroup() {
        long user = sandbox.createUser("Fang", "zh-hans");
        long group = sandbox.group("百家湖社区志愿者群", user);
        int asked = sandbox.say(group, user, "/signup");

        JsonNode handover = volunteering.next(group, asked, "报名请在与我的私聊中进行");
        assertThat(handover.path("text").asString()).contains("私聊");
        assertThat(SandboxClient.buttonUrls(handover)).containsExactly("https://t.me/muster_sandbox_bot?start=signup");

        String welcome = volunteering.signUp(user, "李芳", "+86 139 1234 5678");

        assertThat(welcome).contains("报名成功");
        Map<String, Object> row = record(user);
        assertThat(row).containsEntry("real_name", "李芳").containsEntry("phone", "+8613912345678")
                .containsEntry("area_code", "jiangning.dongshan.baijiahu").containsEntry("skills", "{medical}")
                .containsEntry("availability", "{weekends}").containsEntry("consented", true);
        assertThat(welcome).contains((String) row.get("public_id"));
        String groupTranscript = sandbox.messages(group, 0).toString();
        assertThat(groupTranscript).doesNotContain("李芳").doesNotContain("13912345678").doesNotContain("1391234");
    }

    @Test
    void someoneElsesContactIsRefusedAndATypedNumberAccepted() {
        long user = sandbox.createUser("Tao", "zh");
        long chat = sandbox.privateChat(user);
        volunteering.next(chat, sandbox.say(chat, user, "/signup"), "真实姓名");
        volunteering.next(chat, sandbox.say(chat, user, "王涛"), "手机号");

        int other = sandbox.shareContact(chat, user, "+8613700000000", user + 999);
        assertThat(volunteering.next(chat, other, "别人的联系方式").path("text").asString()).contains("自己的号码");
        int typed = sandbox.say(chat, user, "138-0013-8000");
        assertThat(volunteering.next(chat, typed, "哪个区").path("reply_markup").toString()).contains("江宁区");
    }

    @Test
    void cancelLeavesNothingHalfSaved() {
        long user = sandbox.createUser("Jun", "zh");
        long chat = sandbox.privateChat(user);
        volunteering.next(chat, sandbox.say(chat, user, "报名"), "真实姓名");
        volunteering.next(chat, sandbox.say(chat, user, "赵军"), "手机号");

        assertThat(volunteering.next(chat, sandbox.say(chat, user, "取消"), "已取消").path("reply_markup").toString())
                .contains("remove_keyboard");
        assertThat(jdbc.sql("select count(*) from volunteer where telegram_user_id = :u").param("u", user).query(Integer.class).single())
                .isZero();
    }

    @Test
    void aSecondSignupEditsTheRecordAndProfileShowsIt() {
        long user = sandbox.createUser("Min", "zh");
        volunteering.signUp(user, "陈敏", "13800138001");
        long chat = user;

        JsonNode review = volunteering.next(chat, sandbox.say(chat, user, "/signup"), "请核对");
        sandbox.pressLabel(chat, user, review.path("message_id").asInt(), "修改姓名");
        volunteering.next(chat, review.path("message_id").asInt(), "真实姓名");
        JsonNode again = volunteering.next(chat, sandbox.say(chat, user, "陈敏敏"), "请核对");
        sandbox.pressLabel(chat, user, again.path("message_id").asInt(), "✅ 确认提交");
        volunteering.next(chat, again.path("message_id").asInt(), "已更新");

        assertThat(jdbc.sql("select count(*) from volunteer where real_name = '陈敏敏' and telegram_user_id = :u").param("u", user)
                .query(Integer.class).single()).isEqualTo(1);
        JsonNode profile = volunteering.next(chat, sandbox.say(chat, user, "/profile"), "我的报名信息");
        assertThat(profile.path("text").asString()).contains("陈敏敏", "+8613800138001", "百家湖社区");
        assertThat(SandboxClient.buttonLabels(profile)).contains("修改区域", "删除我的个人信息");
    }

    @Test
    void forgetMeErasesNameAndPhoneButKeepsTheAnonymousRecord() {
        long user = sandbox.createUser("Ning", "zh");
        volunteering.signUp(user, "孙宁", "13800138002");
        long id = jdbc.sql("select id from volunteer where telegram_user_id = :u").param("u", user).query(Long.class).single();

        JsonNode question = volunteering.next(user, sandbox.say(user, user, "/forgetme"), "确定要删除");
        sandbox.pressLabel(user, user, question.path("message_id").asInt(), "确定删除");
        volunteering.next(user, question.path("message_id").asInt(), "已删除");

        Map<String, Object> row = jdbc.sql("select telegram_user_id, real_name, phone, telegram_username, display_name, forgotten_at is not null as gone "
                + "from volunteer where id = :id").param("id", id).query().singleRow();
        assertThat(row).containsEntry("telegram_user_id", null).containsEntry("real_name", null).containsEntry("phone", null)
                .containsEntry("telegram_username", null).containsEntry("display_name", null).containsEntry("gone", true);
        assertThat(volunteering.next(user, sandbox.say(user, user, "/profile"), "还没有报名").path("text").asString())
                .contains("/signup");
    }

    @Test
    void twentyVolunteersSigningUpAtOnceFromOneGroupGetTwentyCorrectRecords() throws Exception {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(sandbox.createUser("V" + i, "zh"));
        }
        long group = sandbox.group("东山街道志愿者", users.toArray(Long[]::new));
        for (long user : users) {
            sandbox.say(group, user, "/signup");
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                long user = users.get(i);
                String name = "志愿者" + (char) ('甲' + i);
                String phone = "1390000" + String.format("%04d", i);
                done.add(pool.submit(() -> volunteering.signUp(user, name, phone)));
            }
            for (Future<String> welcome : done) {
                assertThat(welcome.get(120, TimeUnit.SECONDS)).contains("报名成功");
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < users.size(); i++) {
            assertThat(record(users.get(i))).as("volunteer " + i)
                    .containsEntry("real_name", "志愿者" + (char) ('甲' + i))
                    .containsEntry("phone", "+861390000" + String.format("%04d", i));
        }
        String groupTranscript = sandbox.messages(group, 0).toString();
        assertThat(groupTranscript).doesNotContain("志愿者甲").doesNotContain("13900000");
        assertThat(sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(5), list -> list.size() >= 20)).hasSizeGreaterThanOrEqualTo(20);
    }
}
