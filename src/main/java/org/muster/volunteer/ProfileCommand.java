package org.muster.volunteer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.catalog.Catalog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** {@code /profile}: the volunteer's own record, in their private chat only, with a button per field. */
@Component
class ProfileCommand implements CommandHandler, ButtonHandler {

    private final VolunteerRepository repository;
    private final Catalog catalog;
    private final FlowEngine engine;
    private final SignupFlow flow;
    private final AuditLog audit;

    ProfileCommand(VolunteerRepository repository, Catalog catalog, FlowEngine engine, SignupFlow flow, AuditLog audit) {
        this.repository = repository;
        this.catalog = catalog;
        this.engine = engine;
        this.flow = flow;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("profile", CommandSpec.Place.PRIVATE, Role.VOLUNTEER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return repository.byUser(turn.userId())
                .map(record -> List.<Outbound>of(turn.reply(show(record, turn.locale()), buttons(repository.directCalls(turn.userId())))))
                .orElseGet(() -> List.of(turn.reply(Txt.of("error.not_signed_up"))));
    }

    private Txt show(VolunteerRecord record, Locale locale) {
        List<Txt> skills = record.skills().stream().map(code -> Txt.literal(catalog.skillName(code, locale))).toList();
        List<Txt> times = record.availability().stream().map(code -> Txt.of("availability." + code)).toList();
        return Txt.of("profile.show", record.publicId(), Txt.literal(record.realName()), Txt.literal(record.phone()),
                Txt.literal(catalog.pathName(record.areaCode(), locale)),
                skills.isEmpty() ? Txt.of("signup.none") : Txt.join(skills), Txt.join(times),
                Txt.of(repository.directCalls(record.userId()) ? "profile.direct_yes" : "profile.direct_no"));
    }

    private static Markup.Inline buttons(boolean directCalls) {
        return new Markup.Inline(List.of(
                List.of(edit("name"), edit("phone")),
                List.of(edit("area"), edit("skills")),
                List.of(edit("availability")),
                List.of(Markup.Button.callback(Txt.of(directCalls ? "profile.direct_turn_off" : "profile.direct_turn_on"), "profile:direct")),
                List.of(Markup.Button.callback(Txt.of("profile.forget"), "forget:ask"))));
    }

    private static Markup.Button edit(String field) {
        return Markup.Button.callback(Txt.of("signup.edit_" + field), "profile:edit:" + field);
    }

    @Override
    public String prefix() {
        return "profile";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        Optional<VolunteerRecord> record = repository.byUser(turn.userId());
        if (record.isEmpty() || !turn.isPrivate()) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "profile", "reason", "not own profile"));
            return List.of(turn.toast(Txt.of("error.not_signed_up")));
        }
        if (button.data().equals("profile:direct")) {
            boolean wanted = !repository.directCalls(turn.userId());
            repository.directCalls(turn.userId(), wanted);
            VolunteerRecord updated = repository.byUser(turn.userId()).orElseThrow();
            return List.of(turn.toast(Txt.of(wanted ? "profile.direct_now_on" : "profile.direct_now_off")),
                    new Outbound.Edit(turn.chatId(), button.messageId(), show(updated, turn.locale()), buttons(wanted), turn.locale()));
        }
        SignupFlow.Field field;
        try {
            field = SignupFlow.Field.valueOf(button.data().substring("profile:edit:".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        return engine.start(turn, flow, flow.edit(turn, record.get().draft(), field));
    }
}
