package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures agree with the records and with each other: every {@code /stats} figure is computed
 * here again, independently, from the tables; a no-show who was checked in after all, or whose hours
 * for the shift were approved, came; and {@code /calls} counts the places of an ended shift.
 */
@ClockedEndToEndTest
class StatisticsEndToEndTest {

    private static final long COORDINATOR = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void everyFigureAgreesWithTheTablesAndNoShowsWhoCameAreNotNoShows() throws Exception {
        clock.set(ClockedEndToEndTest.START);
        SandboxClient sandbox = new SandboxClient(port);
        World world = new World(jdbc, sandbox);
        Volunteering volunteering = new Volunteering(sandbox);
        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
        long leader = world.volunteer("Lead", null);
        long came = world.volunteer("Came", null);
        long absent = world.volunteer("Absent", null);
        long reported = world.volunteer("Reported", null);
        long late = world.volunteer("Late", null);
        long[] team = world.teamWithGroup("统计核对队", leader, List.of(came, absent, reported, late));
        Instant start = ClockedEndToEndTest.START.minus(Duration.ofDays(1));
        long shift = world.call("统计核对·昨天", team[0], start, start.plus(Duration.ofHours(4)), 10);
        jdbc.sql("update activity set created_by = :c where id = :a").param("c", COORDINATOR).param("a", shift).update();
        for (long person : List.of(came, absent, reported, late)) {
            world.enrol(shift, person);
        }
        jdbc.sql("insert into attendance (activity_id, volunteer_id, checked_in_at, checked_in_by, check_in_how) values (:a, :v, :at, :l, 'roster')")
                .param("a", shift).param("v", world.volunteerId(came)).param("at", java.sql.Timestamp.from(start)).param("l", leader).update();
        world.hours(came, shift, null, ClockedEndToEndTest.TODAY.minusDays(1), 240, "attendance", "approved");
        long selfReport = world.hours(reported, shift, null, ClockedEndToEndTest.TODAY.minusDays(1), 200, "self", "pending");

        // the sweep marks the three without a check-in as no-shows
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jdbc.sql("select count(*) from enrollment where activity_id = :a and status = 'no_show'").param("a", shift)
                .query(Integer.class).single() < 3) {
            assertThat(System.nanoTime()).as("the sweep never marked the no-shows").isLessThan(deadline);
            Thread.onSpinWait();
        }
        // one is checked in by the leader after all, one has their hours approved
        int roster = volunteering.next(team[1], sandbox.say(team[1], leader, "/checkin"), "签到：统计核对·昨天").path("message_id").asInt();
        sandbox.pressWhenShown(team[1], leader, roster, "⬜ Late");
        sandbox.waitFor(team[1], roster, m -> SandboxClient.buttonLabels(m).contains("✅ Late"));
        JsonNode card = volunteering.next(leader, sandbox.say(leader, leader, "/approve"), "待审核 #" + selfReport);
        sandbox.pressLabel(leader, leader, card.path("message_id").asInt(), "✅ 批准");
        sandbox.waitFor(leader, card.path("message_id").asInt(), m -> m.path("text").asString().contains("已批准"));

        JsonNode figures = JsonMapper.builder().build().readTree(sandbox.raw(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sandbox.base() + "/api/stats")).header("Authorization", "Bearer " + EndToEndConfiguration.API_TOKEN)
                .build()).body());

        Instant now = clock.instant();
        LocalDate today = ClockedEndToEndTest.TODAY;
        assertThat(figures.path("volunteers").asInt()).isEqualTo(count("select count(*) from volunteer where telegram_user_id is not null"));
        assertThat(figures.path("activeLast30Days").asInt()).isEqualTo(count("""
                select count(distinct v.id) from volunteer v where v.telegram_user_id is not null and v.id in (
                    select volunteer_id from attendance where checked_in_at >= ? union
                    select volunteer_id from hours_report where activity_date >= ? and status in ('pending', 'approved'))
                """, java.sql.Timestamp.from(now.minus(Duration.ofDays(30))), today.minusDays(30)));
        assertThat(figures.path("openCalls").asInt()).isEqualTo(count("select count(*) from activity where status = 'open' and ends_at > ?",
                java.sql.Timestamp.from(now)));
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        assertThat(figures.path("hoursThisWeek").asDouble()).isEqualTo(hours("select coalesce(sum(minutes), 0) from hours_report "
                + "where status = 'approved' and activity_date >= ?", monday));
        assertThat(figures.path("hoursThisMonth").asDouble()).isEqualTo(hours("select coalesce(sum(minutes), 0) from hours_report "
                + "where status = 'approved' and activity_date >= ?", today.withDayOfMonth(1)));
        // a no-show is someone who held a place, was never checked in, and has no approved hours for it
        String ended = " from enrollment e join activity a on a.id = e.activity_id where a.status <> 'cancelled' and a.ends_at between ? and ? "
                + "and e.status in ('confirmed', 'no_show')";
        int places = count("select count(*)" + ended, java.sql.Timestamp.from(now.minus(Duration.ofDays(30))), java.sql.Timestamp.from(now));
        int noShows = count("select count(*)" + ended + " and not exists (select 1 from attendance t where t.activity_id = e.activity_id "
                        + "and t.volunteer_id = e.volunteer_id and t.checked_in_at is not null) and not exists (select 1 from hours_report h "
                        + "where h.activity_id = e.activity_id and h.volunteer_id = e.volunteer_id and h.status = 'approved')",
                java.sql.Timestamp.from(now.minus(Duration.ofDays(30))), java.sql.Timestamp.from(now));
        assertThat(figures.path("placesOnEndedShifts").asInt()).isEqualTo(places);
        assertThat(figures.path("noShows").asInt()).isEqualTo(noShows);
        // of this shift, only the one who never came nor reported
        assertThat(count("select count(*) from enrollment where activity_id = ? and status = 'no_show'", shift)).isEqualTo(1);

        String stats = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/stats"), "统计").path("text").asString();
        assertThat(stats).contains("志愿者：" + figures.path("volunteers").asInt() + " 人", noShows + "/" + places + " = ");
        String calls = volunteering.next(COORDINATOR, sandbox.say(COORDINATOR, COORDINATOR, "/calls"), "统计核对·昨天").path("text").asString();
        assertThat(calls).contains("报名 4/10");
    }

    private int count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            statement = statement.param(i + 1, params[i]);
        }
        return statement.query(Integer.class).single();
    }

    private double hours(String sql, Object... params) {
        return Math.round(count(sql, params) / 6.0) / 10.0;
    }
}
