package org.muster.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.recruitment.Enrolments;
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
 * One truth for a roster, whatever path changed attendance: posted rosters follow check-ins by
 * reply and mention, a button does what its label says even on a roster that is behind, an undo that
 * would clear recorded time asks first, the sweep never overwrites a leader's check-out, and roster
 * buttons count only on that call's roster.
 */
@ClockedEndToEndTest
class RosterTruthEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Enrolments enrolments;

    private SandboxClient sandbox;
    private World world;
    private Volunteering volunteering;
    private long leader;
    private long group;
    private long call;
    private Instant start;
    private final long[] members = new long[3];

    @BeforeEach
    void shift() {
        clock.set(ClockedEndToEndTest.START);
        sandbox = new SandboxClient(port);
        world = new World(jdbc, sandbox);
        volunteering = new Volunteering(sandbox);
        leader = world.volunteer("Leader", null);
        for (int i = 0; i < members.length; i++) {
            members[i] = world.volunteer("Wu" + i, "wu" + i + "_" + Math.abs(System.nanoTime() % 100000));
        }
        long[] team = world.teamWithGroup("名单一致队", leader, java.util.Arrays.stream(members).boxed().toList(), true);
        group = team[1];
        start = ClockedEndToEndTest.START.plus(Duration.ofHours(2));
        call = world.call("名单一致·早班", team[0], start, start.plus(Duration.ofHours(4)), 10);
        for (long member : members) {
            assertThat(enrolments.enrol(member, call).outcome()).isEqualTo(Enrolments.Outcome.CONFIRMED);
        }
        clock.set(start.minus(Duration.ofMinutes(10)));
    }

    private long volunteer(int i) {
        return world.volunteerId(members[i]);
    }

    private Map<String, Object> attendance(int i) {
        return jdbc.sql("""
                select checked_in_at is not null as checked_in, checked_out_at is not null as checked_out, minutes
                from attendance where activity_id = :a and volunteer_id = :v
                """).param("a", call).param("v", volunteer(i)).query().listOfRows().stream().findFirst().orElse(Map.of());
    }

    private List<Map<String, Object>> hours(int i) {
        return jdbc.sql("select minutes, status from hours_report where activity_id = :a and volunteer_id = :v")
                .param("a", call).param("v", volunteer(i)).query().listOfRows();
    }

    private String username(int i) {
        return jdbc.sql("select telegram_username from volunteer where telegram_user_id = :u").param("u", members[i]).query(String.class).single();
    }

    @Test
    void aRosterFollowsCheckInsByReplyAndMentionAndAStaleButtonNeverUndoes() {
        int roster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：名单一致·早班").path("message_id").asInt();
        assertThat(SandboxClient.buttonLabels(sandbox.message(group, roster))).contains("⬜ Wu0", "⬜ Wu1");

        int said = sandbox.say(group, members[0], "我到了");
        volunteering.next(group, sandbox.reply(group, leader, said, "签到"), "已签到");
        volunteering.next(group, sandbox.say(group, leader, "签到 @" + username(1)), "已签到");

        // the roster posted before follows both
        JsonNode redrawn = sandbox.waitFor(group, roster, m -> SandboxClient.buttonLabels(m).containsAll(List.of("✅ Wu0", "✅ Wu1")));
        assertThat(redrawn.path("text").asString()).contains("已签到 2/3");

        // a press of the "⬜ Wu0" that the roster showed before (check in) does not undo the check-in
        String toast = sandbox.toast(sandbox.press(group, leader, roster, "att:in:" + call + ":" + volunteer(0)));
        assertThat(toast).contains("已经签到了");
        assertThat(attendance(0)).containsEntry("checked_in", true);

        // "✅ Wu1" undoes, because that is what it says
        assertThat(sandbox.toast(sandbox.pressLabel(group, leader, roster, "✅ Wu1"))).contains("已撤销");
        assertThat(attendance(1)).containsEntry("checked_in", false);
    }

    @Test
    void undoingACheckOutOrACheckInWithRecordedTimeAsksFirstAndTakesTheHoursWithIt() {
        int in = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：名单一致·早班").path("message_id").asInt();
        sandbox.pressWhenShown(group, leader, in, "⬜ Wu0");
        sandbox.pressWhenShown(group, leader, in, "⬜ Wu2");
        sandbox.waitFor(group, in, m -> SandboxClient.buttonLabels(m).containsAll(List.of("✅ Wu0", "✅ Wu2")));
        clock.set(start.plus(Duration.ofHours(3)));
        int out = volunteering.next(group, sandbox.say(group, leader, "/checkout"), "签退：名单一致·早班").path("message_id").asInt();
        assertThat(SandboxClient.buttonLabels(sandbox.message(group, out))).contains("➖ Wu1（未签到）");
        sandbox.pressWhenShown(group, leader, out, "⬜ Wu0");
        sandbox.pressWhenShown(group, leader, out, "⬜ Wu2");
        sandbox.waitFor(group, out, m -> SandboxClient.buttonLabels(m).containsAll(List.of("✅ Wu0", "✅ Wu2")));
        assertThat(hours(0)).singleElement().satisfies(h -> assertThat(h).containsEntry("minutes", 180).containsEntry("status", "approved"));

        // the check-in roster shows them out; undoing there asks first and changes nothing yet
        sandbox.waitFor(group, in, m -> SandboxClient.buttonLabels(m).contains("🏁 Wu0（已签退）"));
        assertThat(sandbox.toast(sandbox.pressLabel(group, leader, in, "🏁 Wu0（已签退）"))).contains("请在名单上确认");
        JsonNode asking = sandbox.waitFor(group, in, m -> SandboxClient.buttonLabels(m).stream().anyMatch(l -> l.startsWith("⚠️ 确认撤销 Wu0")));
        assertThat(SandboxClient.buttonLabels(asking)).contains("⚠️ 确认撤销 Wu0 的签到（清除签退和 180 分钟）", "↩️ 保留");
        assertThat(attendance(0)).containsEntry("checked_out", true);
        // kept
        sandbox.pressLabel(group, leader, in, "↩️ 保留");
        sandbox.waitFor(group, in, m -> SandboxClient.buttonLabels(m).contains("🏁 Wu0（已签退）"));
        assertThat(hours(0)).hasSize(1);
        // confirmed: in, out and the hours are gone
        sandbox.pressLabel(group, leader, in, "🏁 Wu0（已签退）");
        sandbox.pressWhenShown(group, leader, in, "⚠️ 确认撤销 Wu0 的签到（清除签退和 180 分钟）");
        sandbox.waitFor(group, in, m -> SandboxClient.buttonLabels(m).contains("⬜ Wu0"));
        assertThat(attendance(0)).containsEntry("checked_in", false).containsEntry("checked_out", false);
        assertThat(hours(0)).isEmpty();

        // a check-out whose hours a person decided on cannot be undone on the roster
        jdbc.sql("update hours_report set reviewed_by = :l where activity_id = :a and volunteer_id = :v").param("l", leader)
                .param("a", call).param("v", volunteer(2)).update();
        sandbox.pressLabel(group, leader, out, "✅ Wu2");
        sandbox.pressWhenShown(group, leader, out, "⚠️ 确认撤销 Wu2 的签退（清除 180 分钟）");
        assertThat(attendance(2)).containsEntry("checked_out", true);
        assertThat(hours(2)).singleElement().satisfies(h -> assertThat(h).containsEntry("minutes", 180));
    }

    @Test
    void theAutomaticCheckOutNeverOverwritesTheLeaders() {
        int in = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：名单一致·早班").path("message_id").asInt();
        sandbox.pressWhenShown(group, leader, in, "⬜ Wu0");
        sandbox.pressWhenShown(group, leader, in, "⬜ Wu1");
        sandbox.waitFor(group, in, m -> SandboxClient.buttonLabels(m).containsAll(List.of("✅ Wu0", "✅ Wu1")));
        clock.set(start.plus(Duration.ofHours(1)));
        int out = volunteering.next(group, sandbox.say(group, leader, "/checkout"), "签退：名单一致·早班").path("message_id").asInt();
        sandbox.pressWhenShown(group, leader, out, "⬜ Wu0");
        sandbox.waitFor(group, out, m -> SandboxClient.buttonLabels(m).contains("✅ Wu0"));

        clock.set(start.plus(Duration.ofHours(5)));
        // the sweep checks out the one still in, at the end, and tells the leader once
        JsonNode told = volunteering.next(leader, 0, "自动签退");
        assertThat(attendance(1)).containsEntry("checked_out", true).containsEntry("minutes", 240);
        assertThat(attendance(0)).containsEntry("minutes", 60);
        assertThat(hours(0)).singleElement().satisfies(h -> assertThat(h).containsEntry("minutes", 60).containsEntry("status", "approved"));
        assertThat(told.path("text").asString()).contains("1");
    }

    @Test
    void rosterButtonsCountOnlyOnThatCallsRosterAndGroupSettingsOnlyInTheirGroup() {
        // the call's post in the group is not a roster: a forged check-in there writes nothing
        long other = world.call("两天后的班次", null, start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(2)).plus(Duration.ofHours(3)), 5);
        world.enrol(other, members[0]);
        int message = volunteering.next(group, sandbox.say(group, leader, "/settings"), "本群设置").path("message_id").asInt();
        assertThat(sandbox.toast(sandbox.press(group, leader, message, "att:in:" + other + ":" + volunteer(0)))).contains("已失效");
        int roster = volunteering.next(group, sandbox.say(group, leader, "/checkin"), "签到：名单一致·早班").path("message_id").asInt();
        // this call's roster, another call's id
        assertThat(sandbox.toast(sandbox.press(group, leader, roster, "att:in:" + other + ":" + volunteer(0)))).contains("已失效");
        // a check-out action on a check-in roster
        assertThat(sandbox.toast(sandbox.press(group, leader, roster, "att:out:" + call + ":" + volunteer(0)))).contains("已失效");
        assertThat(jdbc.sql("select count(*) from attendance where activity_id in (:a, :b)").param("a", other).param("b", call)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from group_prompt where chat_id = :c and message_id = :m").param("c", group).param("m", message)
                .query(Integer.class).single()).isZero();

        // a group's settings button pressed in a private chat creates no group record
        int privateMessage = volunteering.next(leader, sandbox.say(leader, leader, "/help"), "/lang").path("message_id").asInt();
        assertThat(sandbox.toast(sandbox.press(leader, leader, privateMessage, "gset:lang:en"))).contains("已失效");
        assertThat(jdbc.sql("select count(*) from group_chat where chat_id = :c").param("c", leader).query(Integer.class).single()).isZero();
    }

    @Test
    void aRosterOfTwoHundredPagesItsButtonsAndEveryMemberCanBeCheckedIn() {
        List<Long> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            crowd.add(world.volunteer("P" + i, null));
        }
        long[] big = world.teamWithGroup("大名单队", leader, crowd, false);
        long shift = world.call("大名单·早班", big[0], start, start.plus(Duration.ofHours(4)), 250);
        crowd.forEach(person -> world.enrol(shift, person));

        int roster = volunteering.next(big[1], sandbox.say(big[1], leader, "/checkin"), "签到：大名单·早班").path("message_id").asInt();
        JsonNode first = sandbox.message(big[1], roster);
        assertThat(SandboxClient.buttonLabels(first)).hasSizeLessThanOrEqualTo(100).contains("⬜ P0", "第 1/5 页").doesNotContain("⬜ P40");
        assertThat(first.path("text").asString()).contains("已签到 0/200");
        for (int page = 2; page <= 4; page++) {
            int shown = page;
            sandbox.pressLabel(big[1], leader, roster, "下一页 ▶");
            sandbox.waitFor(big[1], roster, m -> SandboxClient.buttonLabels(m).contains("第 " + shown + "/5 页"));
        }
        sandbox.pressLabel(big[1], leader, roster, "⬜ P123");
        JsonNode after = sandbox.waitFor(big[1], roster, m -> SandboxClient.buttonLabels(m).contains("✅ P123"));
        // the page stays where the leader is
        assertThat(SandboxClient.buttonLabels(after)).contains("第 4/5 页").doesNotContain("⬜ P0");
        assertThat(after.path("text").asString()).contains("已签到 1/200");
    }
}
