package org.muster.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.muster.conversation.ChatKind;
import org.muster.conversation.ChatRef;
import org.muster.conversation.CommandCall;
import org.muster.conversation.Inbound;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Role;
import org.muster.conversation.Sender;
import org.muster.conversation.Turn;

/** Small builders of inbound events and turns for tests that need no Spring. */
public final class Fixtures {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    public static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");

    private Fixtures() {
    }

    public static OrganisationProperties organisation() {
        return new OrganisationProperties(SHANGHAI, "zh",
                new OrganisationProperties.Conversation(Duration.ofMinutes(30), Duration.ofHours(24), 3, Duration.ofHours(48)),
                new OrganisationProperties.Dispatch(4, Duration.ofSeconds(2), Duration.ofHours(26), Duration.ofSeconds(5), 2000, Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(45)));
    }

    public static Sender user(long id) {
        return new Sender(id, "Wei", "Zhang", "wei" + id, "zh-hans", false);
    }

    public static ChatRef privateChat(long userId) {
        return new ChatRef(userId, ChatKind.PRIVATE, null);
    }

    public static ChatRef group(long id) {
        return new ChatRef(id, ChatKind.SUPERGROUP, "Team " + id);
    }

    public static Inbound.Text text(long updateId, ChatRef chat, Sender from, String text) {
        CommandCall command = null;
        if (text.startsWith("/")) {
            int space = text.indexOf(' ');
            command = new CommandCall(space < 0 ? text.substring(1) : text.substring(1, space),
                    space < 0 ? "" : text.substring(space + 1), false);
        }
        return new Inbound.Text(updateId, chat, from, (int) (updateId % 100_000), text, command, null, null, false, List.of());
    }

    public static Inbound.Button button(long updateId, ChatRef chat, Sender from, int messageId, String data) {
        return new Inbound.Button(updateId, chat, from, "cb" + updateId, messageId, data);
    }

    public static Turn turn(Inbound inbound, Locale locale, Instant now, Role... roles) {
        return new Turn(inbound, locale, Set.of(roles), now, SHANGHAI);
    }

    public static Turn turn(Inbound inbound) {
        return turn(inbound, Locale.ENGLISH, NOW);
    }
}
