package org.muster.conversation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * One inbound event with what handlers need to answer it: the sender's language and roles, and
 * the time (from the application's {@link java.time.Clock}, so tests can set it).
 */
public record Turn(Inbound inbound, Locale locale, Set<Role> roles, Instant now, ZoneId zone) {

    public Turn {
        roles = Set.copyOf(roles);
    }

    public long chatId() {
        return inbound.chat().id();
    }

    public long userId() {
        return inbound.from().id();
    }

    public Sender from() {
        return inbound.from();
    }

    public ChatRef chat() {
        return inbound.chat();
    }

    public boolean isPrivate() {
        return inbound.chat().isPrivate();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The same turn, answered in another language (after the user changed theirs). */
    public Turn in(Locale other) {
        return new Turn(inbound, other, roles, now, zone);
    }

    public Outbound.Send reply(Txt text) {
        return reply(text, null);
    }

    /** A message to this chat; in a group it quotes the sender's message so they know it is theirs. */
    public Outbound.Send reply(Txt text, Markup markup) {
        return new Outbound.Send(chatId(), text, markup, quotedMessage(), locale);
    }

    /** The answer to a button press; only meaningful when the inbound is a {@link Inbound.Button}. */
    public Outbound.Toast toast(Txt text) {
        if (!(inbound instanceof Inbound.Button button)) {
            throw new IllegalStateException("a toast answers a button press, not " + inbound.getClass().getSimpleName());
        }
        return new Outbound.Toast(button.callbackId(), text, false, locale);
    }

    private Integer quotedMessage() {
        if (isPrivate()) {
            return null;
        }
        if (inbound instanceof Inbound.Text text) {
            return text.messageId();
        }
        if (inbound instanceof Inbound.Contact contact) {
            return contact.messageId();
        }
        if (inbound instanceof Inbound.Location location) {
            return location.messageId();
        }
        return null;
    }
}
