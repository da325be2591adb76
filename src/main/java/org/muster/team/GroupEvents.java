package org.muster.team;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.conversation.BotProfile;
import org.muster.conversation.BotRemovedFromChat;
import org.muster.conversation.ChatEventHandler;
import org.muster.conversation.ChatMoved;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Sender;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.VolunteerForgotten;
import org.muster.volunteer.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the group records true to what happens in Telegram: the bot added or removed, a group
 * turned supergroup (every record moves to the new id), newcomers to a team's group (one welcome
 * with the sign-up button, never repeated to the same person), a volunteer who asked to be forgotten.
 */
@Component
class GroupEvents implements ChatEventHandler {

    private static final Logger log = LoggerFactory.getLogger(GroupEvents.class);

    private final GroupRepository groups;
    private final TeamRepository teams;
    private final Volunteers volunteers;
    private final BotProfile bot;
    private final AuditLog audit;

    GroupEvents(GroupRepository groups, TeamRepository teams, Volunteers volunteers, BotProfile bot, AuditLog audit) {
        this.groups = groups;
        this.teams = teams;
        this.volunteers = volunteers;
        this.bot = bot;
        this.audit = audit;
    }

    @Override
    @Transactional
    public List<Outbound> handle(Turn turn) {
        Inbound inbound = turn.inbound();
        if (!turn.chat().isGroup()) {
            return List.of();
        }
        if (inbound instanceof Inbound.BotStatusChanged change) {
            return botStatus(turn, change);
        }
        if (inbound instanceof Inbound.ChatMigrated migrated) {
            move(migrated.chat().id(), migrated.newChatId());
            return List.of();
        }
        if (inbound instanceof Inbound.MembersJoined joined) {
            return welcome(turn, joined);
        }
        return List.of();
    }

    private List<Outbound> botStatus(Turn turn, Inbound.BotStatusChanged change) {
        String kind = turn.chat().kind().name().toLowerCase(Locale.ROOT);
        String status = change.after().name().toLowerCase(Locale.ROOT);
        boolean wasThere = groups.byChat(turn.chatId()).map(GroupChat::botPresent).orElse(false);
        groups.seen(turn.chatId(), turn.chat().title(), kind, status, turn.userId(), Languages.code(turn.locale()));
        audit.record(turn.userId(), change.after().isPresent() ? "group.bot_added" : "group.bot_removed", turn.chatId(), Map.of());
        if (!change.after().isPresent() || wasThere) {
            return List.of();
        }
        Locale locale = SubscriptionPanel.locale(groups.byChat(turn.chatId()).orElseThrow());
        return List.of(new Outbound.Send(turn.chatId(), Txt.of("group.hello"), null, null, locale));
    }

    private List<Outbound> welcome(Turn turn, Inbound.MembersJoined joined) {
        Optional<GroupChat> group = groups.byChat(turn.chatId());
        if (group.isEmpty() || group.get().teamId() == null || !group.get().botPresent()) {
            return List.of();
        }
        List<Long> newcomers = joined.members().stream().filter(member -> !member.bot()).map(Sender::id).toList();
        List<Long> signedUp = volunteers.signedUpAmong(newcomers);
        List<Long> toWelcome = groups.welcomeOnce(turn.chatId(),
                newcomers.stream().filter(user -> !signedUp.contains(user)).toList());
        if (toWelcome.isEmpty()) {
            return List.of();
        }
        Locale locale = SubscriptionPanel.locale(group.get());
        String team = teams.byId(group.get().teamId()).map(Team::name).orElse("");
        Markup.Inline signUp = Markup.Inline.of(List.of(Markup.Button.link(Txt.of("group.signup_button"), bot.deepLink("signup"))));
        return List.of(new Outbound.Send(turn.chatId(), Txt.of("group.welcome", Txt.literal(team)), signUp, null, locale));
    }

    /** Telegram said so while Muster was sending (400 with migrate_to_chat_id). */
    @EventListener
    @Transactional
    void onMoved(ChatMoved moved) {
        move(moved.fromChatId(), moved.toChatId());
    }

    private void move(long from, long to) {
        if (groups.move(from, to)) {
            log.info("group {} became supergroup {}; its records moved", from, to);
        }
    }

    /** A group that removed the bot gets nothing more: it is marked and unsubscribed. */
    @EventListener
    void onRemoved(BotRemovedFromChat removed) {
        if (removed.chatId() < 0) {
            groups.botStatus(removed.chatId(), "kicked");
            groups.unsubscribe(removed.chatId());
            log.info("group {} removed the bot; unsubscribed", removed.chatId());
        }
    }

    /** Runs inside the erasure's transaction: out of the teams, and the account named nowhere here. */
    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        teams.leaveAll(forgotten.volunteerId());
        teams.forgetCreator(forgotten.userId());
        groups.forgetUser(forgotten.userId());
    }
}
