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
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/** {@code /myhours}: approved total, this month, waiting for review, and the latest records. */
@Component
class MyHoursCommand implements CommandHandler {

    static final int LATEST = 5;

    private final HoursRepository repository;
    private final Volunteers volunteers;

    MyHoursCommand(HoursRepository repository, Volunteers volunteers) {
        this.repository = repository;
        this.volunteers = volunteers;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("myhours", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        var volunteer = volunteers.byUser(turn.userId());
        if (volunteer.isEmpty()) {
            return List.of(turn.reply(Txt.of("error.not_signed_up")));
        }
        var month = turn.now().atZone(turn.zone()).toLocalDate().withDayOfMonth(1);
        HoursRepository.Totals totals = repository.totals(volunteer.get().id(), month);
        List<Txt> lines = repository.latest(volunteer.get().id(), LATEST).stream()
                .map(r -> Txt.of("hours.entry", Txt.date(r.date().atStartOfDay(turn.zone())), Txt.literal(r.what()), Durations.of(r.minutes()),
                        Txt.of("hours.status_" + r.status())))
                .toList();
        Object latest = lines.isEmpty() ? Txt.of("hours.no_entries") : lines;
        Txt mine = Txt.of("hours.mine", Durations.of(totals.approvedMinutes()), Durations.of(totals.monthMinutes()),
                totals.pendingCount(), Durations.of(totals.pendingMinutes()), latest);
        // approved hours can be certified
        return List.of(totals.approvedMinutes() > 0 ? turn.reply(mine, Markup.Inline.of(List.of(CertificateCommand.button()))) : turn.reply(mine));
    }
}
