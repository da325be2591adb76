package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.broadcast.Broadcasts;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Recruitment calls end to end: creating, posting, enrolling, the waitlist, changes. */
@EndToEndTest
class RecruitmentEndToEndTest {

    private static final long COORDINATOR = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallRepository calls;

    @Autowired
    Broadcasts broadcasts;

    private SandboxClient sandbox;
    private Volunteering volunteering;
    private CallFixtures fixtures;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        volunteering = new Volunteering(sandbox);
        fixtures = new CallFixtures(calls, broadcasts, jdbc, sandbox);
        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
    }

    private static Instant tomorrow() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    /** A signed-up volunteer (through the database, as the sign-up tests cover the flow). */
    private long volunteer(String name, List<String> skills) {
        long user = sandbox.createUser(name, "zh");
        sandbox.privateChat(user);
        jdbc.sql("""
                insert into volunteer (public_id, telegram_user_id, real_name, phone, area_code, skills, consent_at)
                values (:id, :user, :name, '+8613800000000', 'jiangning.dongshan.baijiahu', :skills, now())
                """).param("id", "R" + user).param("user", user).param("name", name)
                .param("skills", skills.toArray(String[]::new)).update();
        return user;
    }

    /** {@code /calls}, paged on until the page that lists the call. */
    private JsonNode callsPageWith(String title) {
        JsonNode list = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/calls"), "全部招募");
        int id = list.path("message_id").asInt();
        for (int i = 0; i < 50 && !SandboxClient.buttonLabels(list).contains(title); i++) {
            String before = list.path("text").asString();
            sandbox.pressLabel(COORDINATOR, COORDINATOR, id, "下一页 ▶");
            list = sandbox.waitFor(COORDINATOR, id, m -> !m.path("text").asString().equals(before));
        }
        return list;
    }

    private String tap(long group, long user, int message) {
        return sandbox.toast(sandbox.press(group, user, message, sandbox.message(group, message).path("reply_markup")
                .path("inline_keyboard").get(0).get(0).path("callback_data").asString()));
    }

    private Map<String, Object> counts(long call) {
        return jdbc.sql("""
                select count(*) filter (where status = 'confirmed') as confirmed, count(*) filter (where status = 'waitlisted') as waitlisted,
                       count(*) filter (where status = 'offered') as offered
                from enrollment where activity_id = :a
                """).param("a", call).query().singleRow();
    }

    @Test
    void aCoordinatorCreatesACallByTypingAndTappingAndItReachesTheSubscribedGroupsOnly() {
        long member = sandbox.createUser("Member", "zh");
        long subscribed = fixtures.subscribedGroup("订阅群", COORDINATOR, member);
        long other = sandbox.group("未订阅群", COORDINATOR, member);
        long me = COORDINATOR;
        // a draft another test left would be offered back first
        jdbc.sql("delete from conversation_draft where user_id = :u").param("u", me).update();

        volunteering.next(me, sandbox.say(me, me, "招募"), "招募标题");
        volunteering.next(me, sandbox.say(me, me, "上坊社区核酸检测点志愿者"), "任务内容");
        volunteering.next(me, sandbox.say(me, me, "协助信息登记、维持现场秩序"), "地点叫什么");
        JsonNode location = volunteering.next(me, sandbox.say(me, me, "上坊社区核酸检测点"), "分享地点位置");
        assertThat(SandboxClient.buttonLabels(location)).contains("📍 分享位置");
        int shared = sandbox.post("/sandbox/api/messages", Map.of("chat_id", me, "from", me,
                "location", Map.of("latitude", 31.9215, "longitude", 118.8463))).path("message_id").asInt();
        JsonNode area = volunteering.next(me, shared, "哪个区域");
        int areaQuestion = area.path("message_id").asInt();
        sandbox.pressWhenShown(me, me, areaQuestion, "江宁区");
        sandbox.pressWhenShown(me, me, areaQuestion, "东山街道");
        sandbox.pressWhenShown(me, me, areaQuestion, "上坊社区");
        JsonNode team = volunteering.next(me, areaQuestion, "哪支队伍");
        sandbox.pressLabel(me, me, team.path("message_id").asInt(), "不指定队伍");
        volunteering.next(me, team.path("message_id").asInt(), "服务时间");
        assertThat(volunteering.next(me, sandbox.say(me, me, "明天 8:00-8:00"), "结束时间").path("text").asString()).contains("不能与开始时间相同");
        volunteering.next(me, sandbox.say(me, me, "明天 8:00-12:00"), "多少人");
        assertThat(volunteering.next(me, sandbox.say(me, me, "很多"), "1 到 10000").path("text").asString()).isNotEmpty();
        JsonNode skills = volunteering.next(me, sandbox.say(me, me, "20人"), "专长");
        sandbox.pressLabel(me, me, skills.path("message_id").asInt(), "完成");
        JsonNode target = volunteering.next(me, skills.path("message_id").asInt(), "发给谁");
        assertThat(SandboxClient.buttonLabels(target)).contains("✅ 按区域");
        sandbox.pressLabel(me, me, target.path("message_id").asInt(), "完成");
        JsonNode reach = volunteering.next(me, target.path("message_id").asInt(), "将发送到");
        // the groups counted by area: this test's group takes all calls
        assertThat(reach.path("text").asString()).contains("其中：", "• 订阅全部招募：");
        JsonNode preview = sandbox.messages(me, target.path("message_id").asInt()).stream()
                .filter(m -> m.path("text").asString().contains("招募：上坊社区核酸检测点志愿者")).findFirst().orElseThrow();
        assertThat(preview.path("text").asString()).contains("需要 20 人", "江宁区 › 东山街道 › 上坊社区", "08:00–12:00", "已报名 0/20", "地图");
        sandbox.pressLabel(me, me, reach.path("message_id").asInt(), "✅ 发布");
        assertThat(volunteering.next(me, reach.path("message_id").asInt(), "已发布").path("text").asString()).contains("上坊社区核酸检测点志愿者");

        // the group that subscribed to all calls gets it; the other does not
        int posted = fixtures.postedIn(subscribed, "上坊社区核酸检测点志愿者");
        assertThat(SandboxClient.buttonLabels(sandbox.message(subscribed, posted))).containsExactly("🙋 我报名");
        assertThat(volunteering.next(me, reach.path("message_id").asInt(), "发送完成").path("text").asString()).contains("已发送");
        assertThat(SandboxClient.texts(sandbox.messages(other, 0))).noneMatch(t -> t.contains("上坊社区核酸检测点志愿者"));
        JsonNode mine = callsPageWith("上坊社区核酸检测点志愿者");
        assertThat(mine.path("text").asString()).contains("上坊社区核酸检测点志愿者", "报名 0/20", "报名中");
    }

    @Test
    void aTapEnrolsWithAToastAndAPrivateConfirmationAndTheCounterFollows() {
        long lin = volunteer("林", List.of());
        long group = fixtures.subscribedGroup("禄口群", lin);
        long call = fixtures.publish("禄口机场卡口值守", 2, tomorrow(), List.of(), COORDINATOR);
        int posted = fixtures.postedIn(group, "禄口机场卡口值守");

        assertThat(tap(group, lin, posted)).isEqualTo("✅ 报名成功！详情已私信给你。");

        JsonNode confirmation = volunteering.next(lin, 0, "报名成功");
        assertThat(confirmation.path("text").asString()).contains("禄口机场卡口值守", "百家湖社区核酸检测点");
        assertThat(SandboxClient.buttonLabels(confirmation)).containsExactly("退出报名", "📅 加入日历");
        sandbox.waitFor(group, posted, m -> m.path("text").asString().contains("已报名 1/2"));
        assertThat(tap(group, lin, posted)).isEqualTo("你已经报上这次招募了。");
        assertThat(counts(call)).containsEntry("confirmed", 1L);
    }

    @Test
    void someoneNotSignedUpIsSentToTheBotAndEnrolledWhenSignUpCompletes() {
        long newcomer = sandbox.createUser("Newcomer", "zh");
        long group = fixtures.subscribedGroup("秣陵群", newcomer);
        long call = fixtures.publish("秣陵社区物资配送", 5, tomorrow(), List.of(), COORDINATOR);
        int posted = fixtures.postedIn(group, "秣陵社区物资配送");

        String callback = sandbox.press(group, newcomer, posted, "enrol:" + call);
        JsonNode answer = sandbox.callback(callback);
        sandbox.toast(callback);
        answer = sandbox.callback(callback);
        assertThat(answer.path("text").asString()).contains("请先报名");
        assertThat(answer.path("url").asString()).isEqualTo("https://t.me/muster_sandbox_bot?start=call_" + call);

        long chat = sandbox.privateChat(newcomer);
        int started = sandbox.say(chat, newcomer, "/start call_" + call);
        volunteering.next(chat, started, "真实姓名");
        volunteering.answerSignup(newcomer, "韩梅", "13500135000");

        assertThat(volunteering.next(chat, started, "报名成功：").path("text").asString()).contains("秣陵社区物资配送");
        assertThat(counts(call)).containsEntry("confirmed", 1L);
        sandbox.waitFor(group, posted, m -> m.path("text").asString().contains("已报名 1/5"));
    }

    @Test
    void fiftyConcurrentTapsFromFiftyGroupsOnATenPlaceCallFillItExactlyAndEveryoneIsToldTheTruth() throws Exception {
        // one group per person: updates of one chat take turns, so only taps from different chats
        // really meet at the call's row lock
        List<Long> people = new ArrayList<>();
        List<Long> groups = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long person = volunteer("P" + i, List.of());
            people.add(person);
            groups.add(fixtures.subscribedGroup("东山群" + i, person));
        }
        long call = fixtures.publish("东山街道核酸采样点", 10, tomorrow(), List.of(), COORDINATOR);
        List<Integer> copies = new ArrayList<>();
        for (long group : groups) {
            copies.add(fixtures.postedIn(group, "东山街道核酸采样点"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<JsonNode>> taps = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Map<String, Object> press = Map.of("chat_id", groups.get(i), "from", people.get(i), "message_id", copies.get(i),
                        "data", "enrol:" + call);
                taps.add(pool.submit(() -> sandbox.post("/sandbox/api/callbacks", press)));
            }
            Map<Long, String> toasts = new java.util.HashMap<>();
            Map<Long, Long> arrival = new java.util.HashMap<>();
            for (int i = 0; i < 50; i++) {
                JsonNode tap = taps.get(i).get(30, TimeUnit.SECONDS);
                arrival.put(people.get(i), tap.path("update_id").asLong());
                toasts.put(people.get(i), sandbox.toast(tap.path("callback_query_id").asString()));
            }

            assertThat(counts(call)).containsEntry("confirmed", 10L).containsEntry("waitlisted", 40L);
            List<Long> confirmed = jdbc.sql("""
                    select v.telegram_user_id from enrollment e join volunteer v on v.id = e.volunteer_id
                    where e.activity_id = :a and e.status = 'confirmed'
                    """).param("a", call).query(Long.class).list();
            List<Long> waitlist = jdbc.sql("""
                    select v.telegram_user_id from enrollment e join volunteer v on v.id = e.volunteer_id
                    where e.activity_id = :a and e.status = 'waitlisted' order by e.position
                    """).param("a", call).query(Long.class).list();
            assertThat(confirmed).hasSize(10).doesNotHaveDuplicates();
            assertThat(waitlist).hasSize(40).doesNotHaveDuplicates().doesNotContainAnyElementsOf(confirmed);
            // what each was told is what the database holds: a place, or a place in the queue
            confirmed.forEach(person -> assertThat(toasts.get(person)).isEqualTo("✅ 报名成功！详情已私信给你。"));
            waitlist.forEach(person -> assertThat(toasts.get(person)).startsWith("名额已满，你在候补第 "));
            // and the queue is in the order the taps arrived (their update ids), however the fifty chats were handled
            assertThat(waitlist).isSortedAccordingTo(java.util.Comparator.comparing(arrival::get));
            for (int i : List.of(0, 49)) {
                // the copies catch up within a few edits, not fifty
                assertThat(sandbox.waitFor(groups.get(i), copies.get(i), m -> m.path("text").asString().contains("候补 40"))
                        .path("text").asString()).contains("已满", "10/10", "候补 40");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leavingOffersThePlaceToTheFirstInLineWhoMayAcceptOrLetItPassOn() throws Exception {
        long a = volunteer("甲", List.of());
        long b = volunteer("乙", List.of());
        long c = volunteer("丙", List.of());
        long group = fixtures.subscribedGroup("淳化群", a, b, c);
        long call = fixtures.publish("淳化街道值守", 1, tomorrow(), List.of(), COORDINATOR);
        int posted = fixtures.postedIn(group, "淳化街道值守");
        tap(group, a, posted);
        assertThat(tap(group, b, posted)).isEqualTo("名额已满，你在候补第 1 位。");
        assertThat(tap(group, c, posted)).isEqualTo("名额已满，你在候补第 2 位。");

        JsonNode confirmation = volunteering.next(a, 0, "报名成功");
        sandbox.pressLabel(a, a, confirmation.path("message_id").asInt(), "退出报名");
        volunteering.next(a, confirmation.path("message_id").asInt(), "你已退出");

        JsonNode offer = volunteering.next(b, 0, "空出了一个名额");
        assertThat(counts(call)).containsEntry("offered", 1L).containsEntry("waitlisted", 1L);
        // b does not answer in time: the place passes to c
        JsonNode expired = volunteering.next(b, offer.path("message_id").asInt(), "已超时");
        assertThat(expired.path("text").asString()).contains("淳化街道值守");
        JsonNode offerToC = volunteering.next(c, 0, "空出了一个名额");
        sandbox.pressLabel(c, c, offerToC.path("message_id").asInt(), "✅ 我参加");
        volunteering.next(c, offerToC.path("message_id").asInt(), "已确认");
        assertThat(counts(call)).containsEntry("confirmed", 1L).containsEntry("offered", 0L).containsEntry("waitlisted", 0L);
        sandbox.waitFor(group, posted, m -> m.path("text").asString().contains("已满 1/1"));
        String tooLate = sandbox.pressLabel(b, b, offer.path("message_id").asInt(), "✅ 我参加");
        sandbox.toast(tooLate);
        assertThat(volunteering.next(b, offer.path("message_id").asInt(), "过确认时间").path("text").asString()).isNotEmpty();
    }

    @Test
    void skillsOverlapsAndClosedCallsAreRefusedWithTheReason() {
        long nurse = volunteer("护士", List.of("medical"));
        long driver = volunteer("司机", List.of("driving"));
        long group = fixtures.subscribedGroup("医疗群", nurse, driver);
        Instant start = tomorrow();
        long medical = fixtures.publish("发热门诊支援", 3, start, List.of("medical"), COORDINATOR);
        long sameTime = fixtures.publish("同一时间的值守", 3, start.plus(Duration.ofHours(1)), List.of(), COORDINATOR);
        int medicalPost = fixtures.postedIn(group, "发热门诊支援");
        int otherPost = fixtures.postedIn(group, "同一时间的值守");

        assertThat(tap(group, driver, medicalPost)).contains("需要：医疗护理");
        assertThat(tap(group, nurse, medicalPost)).startsWith("✅");
        assertThat(tap(group, nurse, otherPost)).isEqualTo("这次招募和你已报名的另一个班次时间冲突。");

        JsonNode list = callsPageWith("同一时间的值守");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, list.path("message_id").asInt(), "同一时间的值守");
        JsonNode details = volunteering.next(COORDINATOR, list.path("message_id").asInt(), "同一时间的值守");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, details.path("message_id").asInt(), "截止报名");
        volunteering.next(COORDINATOR, details.path("message_id").asInt(), "已截止报名");
        sandbox.waitFor(group, otherPost, m -> m.path("text").asString().contains("报名已截止"));
        assertThat(SandboxClient.buttonLabels(sandbox.message(group, otherPost))).isEmpty();
        assertThat(sandbox.toast(sandbox.press(group, driver, otherPost, "enrol:" + sameTime))).isEqualTo("这次招募已截止报名。");
        assertThat(counts(medical)).containsEntry("confirmed", 1L);
    }

    @Test
    void cancellingOrRetimingACallTellsEveryoneEnrolled() {
        long a = volunteer("赵", List.of());
        long b = volunteer("钱", List.of());
        long group = fixtures.subscribedGroup("玄武群", a, b);
        long retimed = fixtures.publish("新街口执勤", 5, tomorrow(), List.of(), COORDINATOR);
        long cancelled = fixtures.publish("锁金村巡查", 1, tomorrow().plus(Duration.ofDays(1)), List.of(), COORDINATOR);
        tap(group, a, fixtures.postedIn(group, "新街口执勤"));
        int cancelledPost = fixtures.postedIn(group, "锁金村巡查");
        tap(group, a, cancelledPost);
        tap(group, b, cancelledPost);

        JsonNode list = callsPageWith("锁金村巡查");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, list.path("message_id").asInt(), "锁金村巡查");
        JsonNode details = volunteering.next(COORDINATOR, list.path("message_id").asInt(), "锁金村巡查");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, details.path("message_id").asInt(), "取消招募");
        JsonNode confirm = volunteering.next(COORDINATOR, details.path("message_id").asInt(), "确定要取消");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, confirm.path("message_id").asInt(), "确定取消");
        assertThat(volunteering.next(COORDINATOR, confirm.path("message_id").asInt(), "正在通知").path("text").asString()).contains("2 位");
        assertThat(volunteering.next(a, 0, "已取消").path("text").asString()).contains("锁金村巡查");
        assertThat(volunteering.next(b, 0, "已取消").path("text").asString()).contains("锁金村巡查");
        sandbox.waitFor(group, cancelledPost, m -> m.path("text").asString().contains("本次招募已取消"));

        JsonNode list2 = callsPageWith("新街口执勤");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, list2.path("message_id").asInt(), "新街口执勤");
        JsonNode details2 = volunteering.next(COORDINATOR, list2.path("message_id").asInt(), "新街口执勤");
        sandbox.pressLabel(COORDINATOR, COORDINATOR, details2.path("message_id").asInt(), "修改时间");
        volunteering.next(COORDINATOR, details2.path("message_id").asInt(), "新的服务时间");
        assertThat(volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "后天 14:00-18:00"), "时间已修改")
                .path("text").asString()).contains("1 位");
        assertThat(volunteering.next(a, 0, "时间有变").path("text").asString()).contains("新街口执勤", "14:00–18:00");
        assertThat(calls.byId(retimed).orElseThrow().startsAt().atZone(java.time.ZoneId.of("Asia/Shanghai")).getHour()).isEqualTo(14);
    }

    @Test
    void aCoordinatorBroadcastsANoticeToTheSubscribedGroupsWithAPreviewFirst() {
        long member = sandbox.createUser("Reader", "zh");
        long group = fixtures.subscribedGroup("通知群", member);
        long me = COORDINATOR;

        volunteering.next(me, sandbox.say(me, me, "/broadcast"), "通知内容");
        JsonNode target = volunteering.next(me, sandbox.say(me, me, "今晚 8 点起全区暂停集会 <请转告>"), "发给哪些群");
        sandbox.pressLabel(me, me, target.path("message_id").asInt(), "所有订阅了招募的群");
        JsonNode preview = volunteering.next(me, target.path("message_id").asInt(), "将发送到");
        assertThat(SandboxClient.texts(sandbox.messages(me, target.path("message_id").asInt())))
                .anyMatch(t -> t.contains("今晚 8 点起全区暂停集会 <请转告>"));
        sandbox.pressLabel(me, me, preview.path("message_id").asInt(), "✅ 发送");
        volunteering.next(me, preview.path("message_id").asInt(), "正在发送");

        assertThat(volunteering.next(group, 0, "暂停集会").path("text").asString()).contains("通知", "今晚 8 点起全区暂停集会 <请转告>");
        assertThat(volunteering.next(me, preview.path("message_id").asInt(), "发送完成").path("text").asString()).contains("已发送");
    }

    @Test
    void myShiftsListsWhatIsComingAndLeaveWorksFromThere() {
        long d = volunteer("孙", List.of());
        long group = fixtures.subscribedGroup("孙的群", d);
        long call = fixtures.publish("夫子庙志愿服务", 3, tomorrow(), List.of(), COORDINATOR);
        tap(group, d, fixtures.postedIn(group, "夫子庙志愿服务"));

        int asked = sandbox.say(group, d, "/myshifts");
        assertThat(volunteering.next(group, asked, "私信").path("text").asString()).contains("已私信");
        JsonNode list = volunteering.next(d, 0, "我报名的班次");
        assertThat(list.path("text").asString()).contains("夫子庙志愿服务", "已确认");
        sandbox.pressLabel(d, d, list.path("message_id").asInt(), "退出：夫子庙志愿服务");
        volunteering.next(d, list.path("message_id").asInt(), "你已退出");
        assertThat(counts(call)).containsEntry("confirmed", 0L);
        assertThat(volunteering.next(d, sandbox.say(d, d, "/leave"), "没有报名的班次").path("text").asString()).isNotEmpty();
    }
}
