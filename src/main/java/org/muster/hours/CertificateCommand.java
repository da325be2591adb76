package org.muster.hours;

import java.util.List;
import java.util.Optional;

import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/** {@code /certificate} (证明) and the {@code cert:issue} button under {@code /myhours}: a service certificate as a PDF, in the private chat. */
@Component
class CertificateCommand implements CommandHandler, ButtonHandler {

    static final String BUTTON = "cert:issue";

    private final Volunteers volunteers;
    private final Certificates certificates;

    CertificateCommand(Volunteers volunteers, Certificates certificates) {
        this.volunteers = volunteers;
        this.certificates = certificates;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("certificate", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public String prefix() {
        return "cert";
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return issue(turn, volunteers.byUser(turn.userId()).orElseThrow());
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        if (!button.data().equals(BUTTON) || volunteer.isEmpty() || !turn.isPrivate()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        List<Outbound> out = new java.util.ArrayList<>(List.of(turn.toast(null)));
        out.addAll(issue(turn, volunteer.get()));
        return out;
    }

    private List<Outbound> issue(Turn turn, Volunteer volunteer) {
        Certificates.Issue issue = certificates.issue(volunteer, turn.locale());
        if (issue.pdf().isEmpty()) {
            return List.of(turn.reply(Txt.of("cert.nothing_yet")));
        }
        return List.of(new Outbound.Document(turn.userId(), "certificate-" + issue.code() + ".pdf", issue.pdf().get(),
                Txt.of("cert.caption", Txt.literal(Certificates.hours(issue.minutes())), Txt.literal(issue.code())), turn.locale()));
    }

    static Markup.Button button() {
        return Markup.Button.callback(Txt.of("cert.button"), BUTTON);
    }
}
