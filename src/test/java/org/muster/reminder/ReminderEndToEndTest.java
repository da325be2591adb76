package org.muster.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.recruitment.CallChanged;
import org.muster.recruitment.Enrolments;
import org.muster.support.ClockedEndToEndTest;
import org.muster.support.MutableClock;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.muster.support.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Reminders with a clock the test moves: scheduled on enrolment, moved, cancelled, fired once, dropped when late. */
@ClockedEndToEndTest
class ReminderEndToEndTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Enrolments enrolments;

    @Autowired
    ApplicationEventPublisher events;

    private SandboxClient sandbox;
    private World world;
    private Volunteering volunteering;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        clock.set(ClockedEndToEndTest.START);
    }

    /** The call starts at {@code hour}:00 Shanghai time, {@code days} after the clock's day. */
    private Instant at(int days, int hour) {
        return clock.instant().atZone(SHANGHAI).toLocalDate().plusDays(days).atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    private List<Map<String, Object>> scheduled(long activity) {
        return jdbc.sql("""
                select b.kind, b.text as offset_minutes, d.chat_id, d.next_attempt_at as due, d.deadline, d.status
                from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                where b.activity_id = :a and b.kind in ('reminder', 'roster') order by d.next_attempt_at
                """).param("a", activity).query().listOfRows();
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }

    private static String local(Object timestamp) {
        return instant(timestamp).atZone(SHANGHAI).toLocalDateTime().toString();
    }

    @Test
    void enrollingSchedulesTheVolunteersRemindersAndTheRosterWithQuietHours() {
        long leader = world.volunteer("队长甲", null);
        long member = world.volunteer("队员乙", null);
        long[] team = world.teamWithGroup("百家湖队", leader, List.of(member));
        Instant start = at(2, 8);
        long call = world.call("百家湖早班", team[0], start, start.plus(Duration.ofHours(4)), 5);

        assertThat(enrolments.enrol(member, call).outcome()).isEqualTo(Enrolments.Outcome.CONFIRMED);

        List<Map<String, Object>> rows = scheduled(call);
        assertThat(rows).extracting(r -> r.get("kind") + "@" + local(r.get("due")))
                .containsExactlyInAnyOrder("reminder@" + start.atZone(SHANGHAI).toLocalDate().minusDays(1) + "T08:00",
                        "roster@" + start.atZone(SHANGHAI).toLocalDate() + "T07:00",
                        "reminder@" + start.atZone(SHANGHAI).toLocalDate() + "T07:00");
        assertThat(rows).allSatisfy(r -> assertThat(instant(r.get("deadline"))).isEqualTo(start));
        assertThat(rows).filteredOn(r -> r.get("kind").equals("roster")).extracting(r -> r.get("chat_id")).containsExactly(team[1]);
    }

    @Test
    void leavingRetimingAndCancellingMoveOrRemoveTheReminders() {
        long a = world.volunteer("甲", null);
        long b = world.volunteer("乙", null);
        Instant start = at(3, 14);
        long call = world.call("下午班", null, start, start.plus(Duration.ofHours(3)), 5);
        enrolments.enrol(a, call);
        enrolments.enrol(b, call);
        assertThat(scheduled(call)).hasSize(4);

        enrolments.leave(b, call);
        assertThat(scheduled(call)).hasSize(2).allSatisfy(r -> assertThat(r.get("chat_id")).isEqualTo(a));

        Instant later = start.plus(Duration.ofDays(1));
        jdbc.sql("update activity set starts_at = :s, ends_at = :e where id = :id").param("s", java.sql.Timestamp.from(later))
                .param("e", java.sql.Timestamp.from(later.plus(Duration.ofHours(3)))).param("id", call).update();
        events.publishEvent(new CallChanged(call, "retimed"));
        assertThat(scheduled(call)).extracting(r -> instant(r.get("deadline"))).containsOnly(later);
        assertThat(scheduled(call)).extracting(r -> instant(r.get("due")))
                .containsExactly(later.minus(Duration.ofHours(24)), later.minus(Duration.ofHours(2)));

        jdbc.sql("update activity set status = 'cancelled' where id = :id").param("id", call).update();
        events.publishEvent(new CallChanged(call, "cancelled"));
        assertThat(scheduled(call)).isEmpty();
    }

    @Test
    void aDueReminderArrivesOnceAndCantComeGivesThePlaceToTheWaitlist() {
        long going = world.volunteer("去", null);
        long waiting = world.volunteer("等", null);
        Instant start = at(1, 15);
        long call = world.call("只有一个名额", null, start, start.plus(Duration.ofHours(2)), 1);
        enrolments.enrol(going, call);
        enrolments.enrol(waiting, call);

        clock.set(start.minus(Duration.ofHours(2)).plusSeconds(1));
        JsonNode reminder = volunteering.next(going, 0, "班次提醒");
        assertThat(reminder.path("text").asString()).contains("只有一个名额", "还有 1 小时 59 分钟");
        assertThat(SandboxClient.buttonLabels(reminder)).containsExactly("✅ 我会准时到", "😞 去不了了");
        sandbox.pressLabel(going, going, reminder.path("message_id").asInt(), "😞 去不了了");
        volunteering.next(going, reminder.path("message_id").asInt(), "你已退出");

        assertThat(volunteering.next(waiting, 0, "空出了一个名额").path("text").asString()).contains("只有一个名额");
        assertThat(SandboxClient.texts(sandbox.messages(going, 0)).stream().filter(t -> t.contains("班次提醒")).count()).isEqualTo(1);
        assertThat(SandboxClient.texts(sandbox.messages(waiting, 0))).noneMatch(t -> t.contains("班次提醒"));
    }

    @Test
    void aReminderWhoseShiftHasStartedIsDroppedNotSentLate() {
        long late = world.volunteer("迟", null);
        // two days ahead: both reminders (24 h and 2 h before) lie after the clock's start, whatever its hour
        Instant start = at(2, 16);
        long call = world.call("已经开始的班次", null, start, start.plus(Duration.ofHours(2)), 3);
        enrolments.enrol(late, call);

        clock.set(start.plusSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (scheduled(call).stream().anyMatch(r -> !r.get("status").equals("failed")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(jdbc.sql("""
                select count(*) from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                where b.activity_id = :a and d.status = 'failed' and d.last_error = 'past its deadline'
                """).param("a", call).query(Integer.class).single()).isEqualTo(2);
        assertThat(SandboxClient.texts(sandbox.messages(late, 0))).noneMatch(t -> t.contains("班次提醒"));
    }

    @Test
    void theRosterReachesTheTeamsGroupWithTelegramNamesOnly() {
        long leader = world.volunteer("Leader Liu", null);
        long member = world.volunteer("Xiao Wang", null);
        long[] team = world.teamWithGroup("名单测试队", leader, List.of(member));
        Instant start = at(1, 10);
        long call = world.call("名单测试班次", team[0], start, start.plus(Duration.ofHours(2)), 4);
        enrolments.enrol(member, call);

        clock.set(start.minus(Duration.ofHours(1)).plusSeconds(1));
        JsonNode roster = volunteering.next(team[1], 0, "名单");

        assertThat(roster.path("text").asString()).contains("名单测试班次", "已确认 1/4", "Xiao Wang")
                .doesNotContain("真名").doesNotContain("13800000000");
    }

    @Test
    void aVolunteerChoosesTheirOwnReminderTimes() {
        long picky = world.volunteer("挑", null);
        Instant start = at(5, 18);
        long call = world.call("自选提醒", null, start, start.plus(Duration.ofHours(2)), 3);
        enrolments.enrol(picky, call);

        JsonNode choose = volunteering.next(picky, sandbox.say(picky, picky, "/reminders"), "多久收到提醒");
        int message = choose.path("message_id").asInt();
        sandbox.pressLabel(picky, picky, message, "✅ 提前 24 小时");
        sandbox.waitFor(picky, message, m -> SandboxClient.buttonLabels(m).contains("提前 24 小时"));
        sandbox.pressLabel(picky, picky, message, "提前 30 分钟");
        sandbox.waitFor(picky, message, m -> SandboxClient.buttonLabels(m).contains("✅ 提前 30 分钟"));

        assertThat(scheduled(call)).extracting(r -> instant(r.get("due")))
                .containsExactly(start.minus(Duration.ofHours(2)), start.minus(Duration.ofMinutes(30)));
    }

}
