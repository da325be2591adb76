package org.muster.reminder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
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

/**
 * {@code /calendar} (日历): the volunteer's shifts as an {@code .ics} file and their personal
 * subscription address; {@code /calendar reset} gives a new address (the old one stops working).
 * The {@code cal:file} button (under {@code /myshifts} and an enrolment's confirmation) sends the file.
 */
@Component
class CalendarCommand implements CommandHandler, ButtonHandler {

    static final String FILE_BUTTON = "cal:file";

    private final Volunteers volunteers;
    private final ShiftCalendars calendars;
    private final AuditLog audit;
    private final org.muster.conversation.Texts texts;

    CalendarCommand(Volunteers volunteers, ShiftCalendars calendars, AuditLog audit, org.muster.conversation.Texts texts) {
        this.texts = texts;
        this.volunteers = volunteers;
        this.calendars = calendars;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("calendar", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public String prefix() {
        return "cal";
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        Volunteer volunteer = volunteers.byUser(turn.userId()).orElseThrow();
        boolean reset = call.hasArgs() && resetWords().contains(call.args().strip().toLowerCase(java.util.Locale.ROOT));
        if (call.hasArgs() && !reset) {
            return List.of(turn.reply(Txt.of("calendar.usage")));
        }
        Optional<String> address = reset ? calendars.reset(volunteer) : calendars.subscription(volunteer);
        if (reset) {
            audit.record(turn.userId(), "calendar.reset", turn.chatId(), Map.of());
        }
        Txt text = address.map(url -> Txt.of(reset ? "calendar.reset_done" : "calendar.subscription", Txt.literal(url)))
                .orElseGet(() -> Txt.of("calendar.no_address"));
        return List.of(turn.reply(text), file(turn, volunteer));
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        if (!button.data().equals(FILE_BUTTON) || volunteer.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        // to the private chat, whatever chat the button was in: a schedule is nobody else's business
        return List.of(turn.toast(Txt.of("calendar.file_sent")), file(turn, volunteer.get()));
    }

    private Outbound file(Turn turn, Volunteer volunteer) {
        return new Outbound.Document(turn.userId(), "muster-shifts.ics", calendars.file(volunteer, turn.locale()), Txt.of("calendar.file_caption"),
                turn.locale());
    }

    /** What asks for a new address, in either language ({@code calendar.reset_words}). */
    private List<String> resetWords() {
        return java.util.stream.Stream.of(org.muster.conversation.Languages.CHINESE, org.muster.conversation.Languages.ENGLISH)
                .flatMap(locale -> java.util.Arrays.stream(texts.plain(Txt.of("calendar.reset_words"), locale).split(",")))
                .map(word -> word.strip().toLowerCase(java.util.Locale.ROOT)).filter(word -> !word.isEmpty()).toList();
    }

    /** The button that sends the file: for other features' messages. */
    static Markup.Button fileButton() {
        return Markup.Button.callback(Txt.of("calendar.file_button"), FILE_BUTTON);
    }
}
