package org.muster.admin;

import java.util.Set;

import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** Who is to become a coordinator: a shared contact, a Telegram user id, or an @username. */
@Component
class GrantFlow implements Flow<GrantFlow.State> {

    static final String NAME = "grant";

    sealed interface State permits AwaitPerson {
    }

    record AwaitPerson() implements State {
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Txt restartHint() {
        return Txt.of("grant.restart");
    }

    Transition<State> begin(Turn turn) {
        return Transition.to(new AwaitPerson(), turn.reply(Txt.of("grant.ask_person")));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        Inbound in = turn.inbound();
        if (in instanceof Inbound.Contact contact) {
            if (contact.contactUserId() == null) {
                return Transition.invalid(turn.reply(Txt.of("grant.contact_without_account")));
            }
            return grant(turn, new GrantCoordinator(contact.contactUserId(), null));
        }
        if (in instanceof Inbound.Text text) {
            String typed = text.text().strip();
            // a mainland mobile number is not a Telegram account: granting it would grant nobody
            if (typed.matches("1[3-9]\\d{9}") || typed.matches("\\+\\d{6,15}")) {
                return Transition.invalid(turn.reply(Txt.of("grant.phone_is_not_an_account")));
            }
            if (typed.matches("\\d{4,15}")) {
                return grant(turn, new GrantCoordinator(Long.parseLong(typed), null));
            }
            if (typed.matches("@?[A-Za-z][A-Za-z0-9_]{4,31}")) {
                return grant(turn, new GrantCoordinator(null, typed.startsWith("@") ? typed.substring(1) : typed));
            }
        }
        return Transition.invalid(turn.reply(Txt.of("grant.person_invalid")));
    }

    private static Transition<State> grant(Turn turn, GrantCoordinator effect) {
        return Transition.<State>done().with(effect);
    }
}
