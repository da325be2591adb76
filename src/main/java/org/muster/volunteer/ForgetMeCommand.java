package org.muster.volunteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Inbound;
import org.muster.conversation.LanguagePreferences;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /forgetme}: after a confirmation, erases the volunteer's name, phone number and username
 * and unlinks their Telegram account. The anonymous record stays, so hours and attendance still
 * count in the organisation's totals.
 */
@Component
class ForgetMeCommand implements CommandHandler, ButtonHandler {

    private final VolunteerRepository repository;
    private final FlowEngine engine;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final GroupPrompts prompts;
    private final LanguagePreferences languages;

    ForgetMeCommand(VolunteerRepository repository, FlowEngine engine, ApplicationEventPublisher events,
                    TransactionTemplate transactions, AuditLog audit, GroupPrompts prompts, LanguagePreferences languages) {
        this.prompts = prompts;
        this.languages = languages;
        this.repository = repository;
        this.engine = engine;
        this.events = events;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("forgetme", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return List.of(question(turn));
    }

    private static Outbound question(Turn turn) {
        return turn.reply(Txt.of("forget.confirm"), Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("forget.yes"), "forget:yes"),
                Markup.Button.callback(Txt.of("forget.no"), "forget:no"))));
    }

    @Override
    public String prefix() {
        return "forget";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        if (!turn.isPrivate() || !repository.isVolunteer(turn.userId())) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "forget", "reason", "not a volunteer"));
            return List.of(turn.toast(Txt.of("error.not_signed_up")));
        }
        List<Outbound> out = new ArrayList<>();
        out.add(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
        switch (button.data()) {
            case "forget:ask" -> out.add(question(turn));
            case "forget:no" -> out.add(turn.reply(Txt.of("forget.kept")));
            case "forget:yes" -> {
                Optional<Long> volunteer = repository.idOf(turn.userId());
                // first as a user would: coming shifts left, the waitlist offered, reminders dropped
                volunteer.ifPresent(id -> events.publishEvent(new VolunteerLeaving(id, turn.userId())));
                Optional<Long> forgotten = transactions.execute(status -> {
                    Optional<Long> id = repository.idOf(turn.userId());
                    id.ifPresent(volunteerId -> {
                        events.publishEvent(new VolunteerForgotten(volunteerId, turn.userId()));
                        prompts.forgetUser(turn.userId());
                        languages.forget(turn.userId());
                        repository.forget(turn.userId());
                        audit.forgetActor(turn.userId());
                        // by nobody: an actor would tie the Telegram account to the erasure
                        audit.record(AuditLog.ERASED, "volunteer.forgotten", null, Map.of());
                    });
                    return id;
                });
                engine.forgetUser(turn.userId());
                out.add(turn.reply(Txt.of(forgotten.isPresent() ? "forget.done" : "error.not_signed_up")));
            }
            default -> {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
        }
        return out;
    }
}
