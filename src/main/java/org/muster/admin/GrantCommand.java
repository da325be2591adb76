package org.muster.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.ChatSender;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * {@code /grant}: a coordinator grants or revokes the coordinator role, or goes on to the teams to
 * appoint leaders. Coordinators from configuration cannot be revoked here.
 */
@Component
class GrantCommand implements CommandHandler, ButtonHandler {

    private final FlowEngine engine;
    private final GrantFlow flow;
    private final StaffRoleRepository roles;
    private final StaffRoles staff;
    private final Volunteers volunteers;
    private final ChatSender sender;
    private final Languages languages;
    private final AuditLog audit;

    GrantCommand(FlowEngine engine, GrantFlow flow, StaffRoleRepository roles, StaffRoles staff, Volunteers volunteers,
                 ChatSender sender, Languages languages, AuditLog audit) {
        this.engine = engine;
        this.flow = flow;
        this.roles = roles;
        this.staff = staff;
        this.volunteers = volunteers;
        this.sender = sender;
        this.languages = languages;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("grant", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return List.of(turn.reply(Txt.of("grant.menu"), new Markup.Inline(List.of(
                List.of(Markup.Button.callback(Txt.of("grant.add_button"), "grant:add")),
                List.of(Markup.Button.callback(Txt.of("grant.revoke_button"), "grant:revoke")),
                List.of(Markup.Button.callback(Txt.of("grant.leaders_button"), "team:list"))))));
    }

    @Override
    public String prefix() {
        return "grant";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        if (!turn.has(Role.COORDINATOR) || !turn.isPrivate()) {
            audit.record(turn.userId(), "refused", turn.chatId(), Map.of("what", "grant"));
            return List.of(turn.toast(Txt.of("grant.not_allowed")));
        }
        String[] parts = button.data().split(":");
        if (parts.length == 2 && parts[1].equals("add")) {
            return engine.start(turn, flow, flow.begin(turn));
        }
        if (parts.length == 2 && parts[1].equals("revoke")) {
            return List.of(revokeList(turn));
        }
        if (parts.length == 3 && parts[1].equals("revoke")) {
            return revoke(turn, parts[2]);
        }
        return List.of(turn.toast(Txt.of("error.button_expired")));
    }

    private Outbound revokeList(Turn turn) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        for (long user : roles.coordinators()) {
            if (user == turn.userId()) {
                continue;
            }
            Txt label = volunteers.byUser(user).map(v -> Txt.literal(v.realName())).orElse(Txt.of("grant.user_label", user));
            rows.add(List.of(Markup.Button.callback(label, "grant:revoke:" + user)));
        }
        return rows.isEmpty() ? turn.reply(Txt.of("grant.nobody_to_revoke"))
                : turn.reply(Txt.of("grant.pick_revoke"), new Markup.Inline(rows));
    }

    private List<Outbound> revoke(Turn turn, String userText) {
        long user;
        try {
            user = Long.parseLong(userText);
        } catch (NumberFormatException e) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (user == turn.userId()) {
            return List.of(turn.toast(Txt.of("grant.not_yourself")));
        }
        if (!roles.revoke(user)) {
            return List.of(turn.reply(Txt.of(staff.isConfigured(user) ? "grant.configured" : "grant.not_a_coordinator")));
        }
        audit.record(turn.userId(), "role.revoked", turn.chatId(), Map.of("user", user, "role", "coordinator"));
        sender.send(new Outbound.Send(user, Txt.of("grant.you_no_longer_coordinate"), null, null, languages.forUserId(user)));
        Optional<Volunteer> person = volunteers.byUser(user);
        return List.of(turn.reply(person.map(v -> Txt.of("grant.revoked_named", Txt.literal(v.realName())))
                .orElse(Txt.of("grant.revoked", user))));
    }
}
