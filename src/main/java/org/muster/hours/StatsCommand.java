package org.muster.hours;

import java.util.List;

import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** {@code /stats}: the organisation's figures for a coordinator. Counts only, no names. */
@Component
class StatsCommand implements CommandHandler {

    private final Statistics statistics;
    private final org.muster.app.ConsoleLink console;

    StatsCommand(Statistics statistics, org.muster.app.ConsoleLink console) {
        this.statistics = statistics;
        this.console = console;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("stats", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        Statistics.Snapshot s = statistics.now();
        boolean zh = "zh".equals(turn.locale().getLanguage());
        List<Txt> districts = s.byDistrict().stream().limit(Statistics.LISTED)
                .map(c -> Txt.of("stats.count_line", Txt.literal(zh ? c.nameZh() : c.nameEn()), c.volunteers())).toList();
        List<Txt> skills = s.bySkill().stream().limit(Statistics.LISTED)
                .map(c -> Txt.of("stats.count_line", Txt.literal(zh ? c.nameZh() : c.nameEn()), c.volunteers())).toList();
        List<Txt> calls = s.calls().stream()
                .map(c -> Txt.of("stats.call_line", Txt.literal(c.title()), Txt.date(c.startsAt().atZone(turn.zone())), c.taken(), c.slots(),
                        Math.round(c.fillRate() * 100)))
                .toList();
        List<Txt> teams = s.hoursByTeam().stream().limit(Statistics.LISTED)
                .map(t -> Txt.of("stats.team_line", t.team() == null ? Txt.of("stats.no_team") : Txt.literal(t.team()),
                        t.hoursThisWeek(), t.hoursThisMonth()))
                .toList();
        Object none = Txt.of("stats.none");
        Txt summary = Txt.of("stats.summary", s.volunteers(), s.activeLast30Days(),
                districts.isEmpty() ? none : districts, skills.isEmpty() ? none : skills,
                s.openCalls(), calls.isEmpty() ? none : calls,
                s.hoursThisWeek(), s.hoursThisMonth(), teams.isEmpty() ? none : teams,
                s.noShows(), s.placesOnEndedShifts(), Math.round(s.noShowRate() * 1000) / 10.0);
        // the same figures as charts, with downloads, in the console
        return List.of(console.url("figures")
                .map(url -> turn.reply(summary, Markup.Inline.of(List.of(Markup.Button.webApp(Txt.of("app.open_figures"), url)))))
                .orElseGet(() -> turn.reply(summary)));
    }
}
