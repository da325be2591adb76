package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.conversation.Languages;
import org.muster.recruitment.CallPublisher;
import org.muster.recruitment.NewCall;
import org.muster.support.ClockedEndToEndTest;
import org.muster.support.MutableClock;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.muster.support.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Volunteers answering the bot inside their group, with privacy mode on (as a new bot has it):
 * 报名 under a call, 到 under a roster, hours under the question about hours; and calls with places
 * left pushed again before their start. The clock is the test's.
 */
@ClockedEndToEndTest
class GroupRepliesEndToEndTest {

    private static final String AREA = "jiangning.dongshan.baijiahu";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    CallPublisher publisher;

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

    /** A team of {@code size} signed-up members and its group, subscribed to every call. Returns [team, group, leader, members…]. */
    private long[] team(String name, int size) {
        long leader = world.volunteer(name + "队长", null);
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(world.volunteer(name + "队员" + i, null));
        }
        long[] teamAndGroup = world.teamWithGroup(name, leader, members);
        jdbc.sql("insert into subscription (chat_id, all_calls) values (:c, true) on conflict (chat_id) do update set all_calls = true")
                .param("c", teamAndGroup[1]).update();
        long[] out = new long[3 + size];
        out[0] = teamAndGroup[0];
        out[1] = teamAndGroup[1];
        out[2] = leader;
        for (int i = 0; i < size; i++) {
            out[3 + i] = members.get(i);
        }
        return out;
    }

    private long publish(String title, Long team, Instant start, int slots) {
        return publisher.publish(new NewCall(title, "现场服务", "百家湖核酸检测点", 31.92, 118.84, AREA, start, start.plus(Duration.ofHours(4)),
                slots, List.of(), team), 1, Languages.CHINESE);
    }

    /** The call's copy in the group, once the outbox has posted it and recorded it as the call's copy. */
    private JsonNode copy(long group, String title) {
        JsonNode copy = sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(15), list -> list.stream().anyMatch(m -> text(m).contains(title)))
                .stream().filter(m -> text(m).contains(title)).reduce((first, second) -> second).orElseThrow();
        // the worker records the copy just after Telegram answered the send: replies are matched to calls by it
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count("select count(*) from call_copy where chat_id = ? and message_id = ?", group, copy.path("message_id").asInt()) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("copy " + copy.path("message_id") + " of " + title + " was never recorded");
            }
            Thread.onSpinWait();
        }
        return copy;
    }

    /**
     * The prompt's message id once Muster has remembered it: that happens when Telegram has answered the
     * send, a moment after the message shows in the chat; a reply faster than that is not matched to it
     * (no person is that fast, a test is).
     */
    private int remembered(long group, JsonNode prompt) {
        int id = prompt.path("message_id").asInt();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count("select count(*) from group_prompt where chat_id = ? and message_id = ?", group, id) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("prompt " + id + " in chat " + group + " was never remembered");
            }
            Thread.onSpinWait();
        }
        return id;
    }

    /** The bot's answer to one person's message: it quotes that message. */
    private JsonNode answerTo(long group, int message) {
        return sandbox.botMessagesUntil(group, message, Duration.ofSeconds(15),
                        list -> list.stream().anyMatch(m -> m.path("reply_to_message_id").asInt() == message))
                .stream().filter(m -> m.path("reply_to_message_id").asInt() == message).findFirst().orElseThrow();
    }

    private static String text(JsonNode message) {
        return message.path("text").asString();
    }

    private static <T> List<T> atOnce(int n, java.util.function.IntFunction<T> each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> each.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private int count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            statement = statement.param(i + 1, params[i]);
        }
        return statement.query(Integer.class).single();
    }

    @Test
    void twentyRepliesOfBaoMingAtOnceFillTheCallExactlyAndTheCounterEndsRight() throws Exception {
        long[] team = team("报名接龙", 20);
        long group = team[1];
        long call = publish("社区核酸采样 · 午班", team[0], ClockedEndToEndTest.START.plus(Duration.ofDays(1)), 12);
        int posted = copy(group, "社区核酸采样 · 午班").path("message_id").asInt();
        String[] words = {"报名", "+1", "接龙", "I'm in", "报名！"};

        List<Integer> replies = atOnce(20, i -> sandbox.reply(group, team[3 + i], posted, words[i % words.length]));

        for (int reply : replies) {
            assertThat(text(answerTo(group, reply))).containsAnyOf("报名成功", "候补第").doesNotContain("真名");
        }
        assertThat(count("select count(*) from enrollment where activity_id = ? and status = 'confirmed'", call)).isEqualTo(12);
        assertThat(count("select count(*) from enrollment where activity_id = ? and status = 'waitlisted'", call)).isEqualTo(8);
        sandbox.waitFor(group, posted, m -> text(m).contains("12/12") && text(m).contains("候补 8"));
        // each got the details privately
        assertThat(volunteering.next(team[3], 0, "社区核酸采样 · 午班").path("text").asString()).containsAnyOf("报名成功", "候补");
    }

    @Test
    void leavingANewcomerAndClosedOrStartedCallsByReply() {
        long[] team = team("回复报名", 3);
        long group = team[1];
        long newcomer = sandbox.createUser("新人", "zh");
        sandbox.addMember(group, newcomer);
        long open = publish("物资配送 · 早班", team[0], ClockedEndToEndTest.START.plus(Duration.ofDays(1)), 1);
        int copy = copy(group, "物资配送 · 早班").path("message_id").asInt();

        assertThat(text(answerTo(group, sandbox.reply(group, team[3], copy, "报名")))).contains("报名成功");
        assertThat(text(answerTo(group, sandbox.reply(group, team[4], copy, "+1")))).contains("候补第 1 位");
        JsonNode handover = answerTo(group, sandbox.reply(group, newcomer, copy, "接龙"));
        assertThat(text(handover)).contains("请先私聊我完成志愿者报名");
        assertThat(SandboxClient.buttonUrls(handover)).containsExactly("https://t.me/muster_sandbox_bot?start=call_" + open);
        // leaving by reply frees the place for the first on the waitlist
        assertThat(text(answerTo(group, sandbox.reply(group, team[3], copy, "取消报名")))).contains("已为你取消报名");
        assertThat(volunteering.next(team[4], 0, "空出了一个名额").path("text").asString()).contains("物资配送 · 早班");
        // something else in reply to a call is the group's own conversation
        int chat = sandbox.reply(group, team[5], copy, "几点集合？");
        assertThat(sandbox.botMessagesBeforeMarker(group, team[5], chat)).noneMatch(m -> m.path("reply_to_message_id").asInt() == chat);

        long closed = publish("已截止的招募", team[0], ClockedEndToEndTest.START.plus(Duration.ofDays(1)), 5);
        int closedCopy = copy(group, "已截止的招募").path("message_id").asInt();
        jdbc.sql("update activity set status = 'closed' where id = :a").param("a", closed).update();
        assertThat(text(answerTo(group, sandbox.reply(group, team[5], closedCopy, "报名")))).contains("已截止报名");

        long early = publish("一小时后开始", team[0], ClockedEndToEndTest.START.plus(Duration.ofHours(1)), 5);
        int earlyCopy = copy(group, "一小时后开始").path("message_id").asInt();
        clock.set(ClockedEndToEndTest.START.plus(Duration.ofHours(2)));
        assertThat(text(answerTo(group, sandbox.reply(group, team[5], earlyCopy, "报名")))).contains("已经开始");
        assertThat(count("select count(*) from enrollment where activity_id = ?", early)).isZero();
    }

    private long shiftToday(long teamId, List<Long> members) {
        Instant start = ClockedEndToEndTest.START.plus(Duration.ofHours(1));
        long call = world.call("卡口值守", teamId, start, start.plus(Duration.ofHours(4)), 20);
        // recruited already: a closed call is not pushed again
        jdbc.sql("update activity set status = 'closed' where id = :a").param("a", call).update();
        members.forEach(member -> world.enrol(call, member));
        return call;
    }

    @Test
    void rollCallByReplyWhenTheLeaderOpensItAndOnlyThen() {
        long[] team = team("点名", 3);
        long group = team[1];
        long leader = team[2];
        long outsider = world.volunteer("路人", null);
        sandbox.addMember(group, outsider);
        long call = shiftToday(team[0], List.of(team[3], team[4], team[5]));
        // ten minutes before the start: checking oneself in is open
        clock.set(ClockedEndToEndTest.START.plus(Duration.ofMinutes(50)));

        // a roster the leader checks people in on: 到 is answered once, politely
        JsonNode closedRoster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：卡口值守");
        int closedId = remembered(group, closedRoster);
        assertThat(text(answerTo(group, sandbox.reply(group, team[3], closedId, "到")))).contains("由队长点名签到");
        int again = sandbox.reply(group, team[3], closedId, "到");
        assertThat(sandbox.botMessagesBeforeMarker(group, team[3], again)).noneMatch(m -> m.path("reply_to_message_id").asInt() == again);
        assertThat(count("select count(*) from attendance where activity_id = ? and checked_in_at is not null", call)).isZero();

        // opened: members answer 到 and the roster shows them
        JsonNode openRoster = volunteering.next(group, sandbox.say(group, leader, "/checkin open"), "签到：卡口值守");
        int openId = remembered(group, openRoster);
        assertThat(text(openRoster)).contains("回复本消息“到”");
        sandbox.reply(group, team[3], openId, "到");
        sandbox.reply(group, team[4], openId, "签到");
        sandbox.waitFor(group, openId, m -> SandboxClient.buttonLabels(m).containsAll(List.of("✅ 点名队员0", "✅ 点名队员1")));
        assertThat(SandboxClient.buttonLabels(sandbox.message(group, openId))).contains("⬜ 点名队员2");
        assertThat(count("select count(*) from attendance where activity_id = ? and check_in_how = 'self_reply'", call)).isEqualTo(2);

        // forged: the roster's switch with another call's id does nothing
        assertThat(sandbox.toast(sandbox.press(group, leader, openId, "att:self:" + (call + 100_000)))).contains("这个按钮已失效");
        assertThat(text(sandbox.message(group, openId))).contains("回复本消息“到”");

        // not on the shift: told once
        assertThat(text(answerTo(group, sandbox.reply(group, outsider, openId, "到")))).contains("名单上没有你");

        // the leader closes it with the roster's own button
        sandbox.pressWhenShown(group, leader, openId, "🔒 停止回复签到");
        sandbox.waitFor(group, openId, m -> !text(m).contains("回复本消息“到”"));
        assertThat(text(answerTo(group, sandbox.reply(group, team[5], openId, "到")))).contains("由队长点名签到");
    }

    @Test
    void tenMembersReplyWithTheirHoursAtOnceAndThreeAreAskedAgain() throws Exception {
        long[] team = team("时长", 11);
        long group = team[1];
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            members.add(team[3 + i]);
        }
        long call = shiftToday(team[0], members);
        // the eleventh member's hours are recorded by attendance already
        LocalDate shiftDay = world.callStart(call).atZone(ClockedEndToEndTest.ZONE).toLocalDate();
        world.hours(members.get(10), call, null, shiftDay, 240, "attendance", "approved");
        long outsider = world.volunteer("旁观者", null);
        sandbox.addMember(group, outsider);

        clock.set(ClockedEndToEndTest.START.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(16)));
        JsonNode question = volunteering.next(group, 0, "已结束");
        assertThat(question.path("reply_markup").path("force_reply").asBoolean()).isTrue();
        int asked = remembered(group, question);

        String[] answers = {"3", "2.5", "2h30m", "2小时30分", "很多", "4", "abc", "1:45", "0", "3小时"};
        int[] minutes = {180, 150, 150, 150, -1, 240, -1, 105, -1, 180};
        List<Integer> replies = atOnce(10, i -> sandbox.reply(group, members.get(i), asked, answers[i]));

        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            JsonNode answer = answerTo(group, replies.get(i));
            if (minutes[i] < 0) {
                assertThat(text(answer)).as("answer to %s", answers[i]).contains("请回复本消息重新填写");
                // the reason gives the examples; the request to answer again does not repeat them
                assertThat(text(answer).split("2h30m", -1)).as("examples in %s", text(answer)).hasSizeLessThanOrEqualTo(2);
                assertThat(answer.path("reply_markup").path("force_reply").asBoolean()).isTrue();
                assertThat(answer.path("reply_markup").path("selective").asBoolean()).isTrue();
            } else {
                assertThat(text(answer)).as("answer to %s", answers[i]).contains("待队长审核");
                expected.put(world.volunteerId(members.get(i)), minutes[i]);
            }
        }
        Map<Long, Integer> pending = new HashMap<>();
        jdbc.sql("select volunteer_id, minutes from hours_report where activity_id = :a and status = 'pending' and source = 'self'")
                .param("a", call).query((rs, i) -> pending.put(rs.getLong(1), rs.getInt(2))).list();
        assertThat(pending).isEqualTo(expected).hasSize(7);

        // one of those asked again answers the re-prompt properly
        int reprompt = answerTo(group, replies.get(4)).path("message_id").asInt();
        assertThat(text(answerTo(group, sandbox.reply(group, members.get(4), reprompt, "2")))).contains("待队长审核");
        assertThat(count("select minutes from hours_report where activity_id = ? and volunteer_id = ?", call,
                world.volunteerId(members.get(4)))).isEqualTo(120);

        // recorded already, and not on the shift (told once)
        assertThat(text(answerTo(group, sandbox.reply(group, members.get(10), asked, "4")))).contains("已经有时长记录");
        assertThat(text(answerTo(group, sandbox.reply(group, outsider, asked, "3")))).contains("你不在这个班次的名单上");
        int twice = sandbox.reply(group, outsider, asked, "3");
        assertThat(sandbox.botMessagesBeforeMarker(group, outsider, twice)).noneMatch(m -> m.path("reply_to_message_id").asInt() == twice);
        // the group was asked once
        assertThat(sandbox.messages(group, 0).stream().filter(m -> text(m).contains("已结束")).count()).isEqualTo(1);
    }

    @Test
    void aDecimalCommaIsAnHourAndAHalfAnAmbiguousOneIsAskedBackAndAnOwnReportCanBeCorrectedUntilReviewed() {
        long[] team = team("逗号", 2);
        long group = team[1];
        long call = shiftToday(team[0], List.of(team[3], team[4]));
        clock.set(ClockedEndToEndTest.START.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(16)));
        int asked = remembered(group, volunteering.next(group, 0, "已结束"));

        JsonNode recorded = answerTo(group, sandbox.reply(group, team[3], asked, "1,5"));
        assertThat(text(recorded)).contains("已记录 1小时30分钟", "再次回复群里的时长提问即可改正");
        assertThat(count("select minutes from hours_report where activity_id = ? and volunteer_id = ?", call,
                world.volunteerId(team[3]))).isEqualTo(90);
        assertThat(text(answerTo(group, sandbox.reply(group, team[4], asked, "1，5")))).contains("已记录 1小时30分钟");

        // 2,30: two and a half hours, or 2.3? asked back, nothing recorded
        JsonNode askedBack = answerTo(group, sandbox.reply(group, team[3], asked, "2,30"));
        assertThat(text(askedBack)).contains("“2,30”里的逗号可以有几种理解");
        assertThat(count("select minutes from hours_report where activity_id = ? and volunteer_id = ?", call,
                world.volunteerId(team[3]))).isEqualTo(90);
        // the correction replaces the pending report
        assertThat(text(answerTo(group, sandbox.reply(group, team[3], askedBack.path("message_id").asInt(), "2:30"))))
                .contains("已改为 2小时30分钟");
        assertThat(count("select minutes from hours_report where activity_id = ? and volunteer_id = ?", call,
                world.volunteerId(team[3]))).isEqualTo(150);
        assertThat(count("select count(*) from hours_report where activity_id = ? and volunteer_id = ?", call,
                world.volunteerId(team[3]))).isEqualTo(1);

        // once the leader decided, it is recorded for good
        jdbc.sql("update hours_report set status = 'approved' where activity_id = :a and volunteer_id = :v").param("a", call)
                .param("v", world.volunteerId(team[4])).update();
        assertThat(text(answerTo(group, sandbox.reply(group, team[4], asked, "3")))).contains("已经有时长记录");
    }

    @Test
    void aCallWithPlacesLeftIsPushedAgainOncePerOffsetAndAFullOneIsNot() {
        long[] team = team("补招", 2);
        long group = team[1];
        Instant start = ClockedEndToEndTest.START.plus(Duration.ofHours(14));
        long open = publish("补招：夜间值守", team[0], start, 5);
        long full = publish("已满：夜间值守", team[0], start, 1);
        world.enrol(full, team[3]);
        // made 5 hours before its start: its first posting is the 12-hour one, only the 3-hour push follows
        long late = publish("新发布：夜间值守", team[0], start, 5);
        jdbc.sql("update activity set created_at = :at where id = :a").param("a", late)
                .param("at", java.sql.Timestamp.from(start.minus(Duration.ofHours(5)))).update();
        copy(group, "新发布：夜间值守");
        copy(group, "补招：夜间值守");
        copy(group, "已满：夜间值守");
        Predicate<JsonNode> pushedOpen = m -> text(m).contains("还差 5 人") && text(m).contains("补招：夜间值守");

        clock.set(start.minus(Duration.ofHours(12)).plus(Duration.ofMinutes(1)));
        sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> list.stream().anyMatch(pushedOpen));
        clock.set(start.minus(Duration.ofHours(6)));
        awaitWholeRepushRuns(team[0]);
        assertThat(repushes(open)).isEqualTo(1);

        clock.set(start.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(1)));
        sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> list.stream().filter(pushedOpen).count() == 2);
        awaitWholeRepushRuns(team[0]);
        assertThat(repushes(open)).isEqualTo(2);
        assertThat(repushes(full)).isZero();
        assertThat(repushes(late)).isEqualTo(1);
        assertThat(sandbox.messages(group, 0).stream().filter(pushedOpen).count()).isEqualTo(2);
    }

    private int repushes(long call) {
        return count("select count(*) from broadcast where kind = 'repush' and activity_id = ?", call);
    }

    /**
     * Proof that the re-push job has looked at every call at the clock's present time, instead of
     * sleeping through a few of its rounds: a marker call, due for its 3-hour push right now, is pushed
     * by a round that began after it was made. Two markers one after the other, since the job runs on
     * one thread: when the second is pushed, the round that pushed the first has ended.
     */
    private void awaitWholeRepushRuns(long team) {
        for (int i = 0; i < 2; i++) {
            long marker = publish("标记" + System.nanoTime(), team, clock.instant().plus(Duration.ofHours(3)).minus(Duration.ofMinutes(1)), 5);
            jdbc.sql("update activity set created_at = :at where id = :a").param("a", marker)
                    .param("at", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).update();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (repushes(marker) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the re-push job never pushed marker call " + marker);
                }
                Thread.onSpinWait();
            }
        }
    }
}
