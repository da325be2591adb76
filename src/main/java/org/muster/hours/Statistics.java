package org.muster.hours;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.muster.catalog.Area;
import org.muster.catalog.Catalog;
import org.muster.conversation.OrganisationProperties;
import org.springframework.stereotype.Component;

/** The organisation's figures at a glance: who signed up, who is active, how calls fill, hours by team, no-shows. */
@Component
class Statistics {

    static final int LISTED = 10;

    record Count(String code, String nameZh, String nameEn, int volunteers) {
    }

    record CallFill(long id, String title, Instant startsAt, int taken, int slots, double fillRate) {
    }

    /** @param team null for activities no team ran */
    record TeamHours(String team, double hoursThisWeek, double hoursThisMonth) {
    }

    record Snapshot(Instant at, int volunteers, List<Count> byDistrict, List<Count> bySkill, int activeLast30Days, int openCalls,
                    List<CallFill> calls, List<TeamHours> hoursByTeam, double hoursThisWeek, double hoursThisMonth, int noShows,
                    int placesOnEndedShifts, double noShowRate) {
    }

    private final StatisticsRepository repository;
    private final Catalog catalog;
    private final Clock clock;
    private final ZoneId zone;

    Statistics(StatisticsRepository repository, Catalog catalog, Clock clock, OrganisationProperties organisation) {
        this.repository = repository;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    Snapshot now() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate monthStart = today.withDayOfMonth(1);

        Map<String, Integer> byDistrict = new LinkedHashMap<>();
        repository.volunteersByArea().forEach((code, count) -> {
            List<Area> path = catalog.path(code);
            byDistrict.merge(path.isEmpty() ? code : path.get(0).code(), count, Integer::sum);
        });
        List<Count> districts = byDistrict.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> catalog.area(e.getKey()).map(a -> new Count(a.code(), a.nameZh(), a.nameEn(), e.getValue()))
                        .orElse(new Count(e.getKey(), e.getKey(), e.getKey(), e.getValue())))
                .toList();
        List<Count> skills = repository.volunteersBySkill().entrySet().stream()
                .map(e -> catalog.skill(e.getKey()).map(s -> new Count(s.code(), s.nameZh(), s.nameEn(), e.getValue()))
                        .orElse(new Count(e.getKey(), e.getKey(), e.getKey(), e.getValue())))
                .toList();
        List<CallFill> calls = repository.openCalls(now, LISTED).stream()
                .map(c -> new CallFill(c.id(), c.title(), c.startsAt(), c.taken(), c.slots(), ratio(c.taken(), c.slots())))
                .toList();
        List<TeamHours> teams = new ArrayList<>();
        double week = 0;
        double month = 0;
        for (StatisticsRepository.TeamMinutes t : repository.minutesByTeam(weekStart, monthStart)) {
            teams.add(new TeamHours(t.team(), hours(t.weekMinutes()), hours(t.monthMinutes())));
            week += t.weekMinutes();
            month += t.monthMinutes();
        }
        int[] noShows = repository.noShows(now.minus(Duration.ofDays(30)), now);
        return new Snapshot(now, repository.volunteers(), districts, skills, repository.active(now.minus(Duration.ofDays(30)), today.minusDays(30)),
                repository.openCallCount(now), calls, teams, hours((int) week), hours((int) month), noShows[0], noShows[1],
                ratio(noShows[0], noShows[1]));
    }

    /** How things went over time: hours by team and month (this and the five before), fill by day (30 days back, 14 ahead). */
    record Trends(List<StatisticsRepository.MonthMinutes> hoursByMonth, List<StatisticsRepository.DayFill> fillByDay) {
    }

    Trends trends() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        return new Trends(repository.minutesByTeamAndMonth(today.minusMonths(5)),
                repository.fillByDay(today.minusDays(30).atStartOfDay(zone).toInstant(), today.plusDays(15).atStartOfDay(zone).toInstant(), zone));
    }

    private static double hours(int minutes) {
        return Math.round(minutes / 6.0) / 10.0;
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
