package org.muster.team;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

import org.muster.audit.AuditLog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * {@code /settings} in a group: which team it belongs to, which calls it receives, and the
 * language Muster posts in there (a coordinator or the team's leader may switch it).
 */
@Component
class SettingsCommand implements CommandHandler, ButtonHandler {

    private final GroupRepository groups;
    private final TeamRepository teams;
    private final SubscriptionPanel subscriptions;
    private final TeamAccess access;
    private final AuditLog audit;

    SettingsCommand(GroupRepository groups, TeamRepository teams, SubscriptionPanel subscriptions, TeamAccess access, AuditLog audit) {
        this.groups = groups;
        this.teams = teams;
        this.subscriptions = subscriptions;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.anyone("settings", CommandSpec.Place.GROUP);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        GroupChat group = groups.ensure(turn);
        Locale locale = SubscriptionPanel.locale(group);
        return List.of(new Outbound.Send(turn.chatId(), text(group, locale), buttons(), null, locale));
    }

    private Txt text(GroupChat group, Locale locale) {
        Txt team = group.teamId() == null ? Txt.of("settings.no_team")
                : teams.byId(group.teamId()).map(t -> Txt.literal(t.name())).orElse(Txt.of("settings.no_team"));
        return Txt.of("settings.show", team, subscriptions.summary(groups.subscription(group.chatId()), locale),
                Txt.of("lang.name." + Languages.code(locale)));
    }

    private static Markup.Inline buttons() {
        return Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("lang.name.zh"), "gset:lang:zh"),
                Markup.Button.callback(Txt.of("lang.name.en"), "gset:lang:en")));
    }

    @Override
    public String prefix() {
        return "gset";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        // a group's settings, pressed in that group: anywhere else the data is forged and nothing is written
        Optional<GroupChat> known = turn.chat().isGroup() ? groups.byChat(turn.chatId()) : Optional.empty();
        if (known.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        GroupChat group = known.get();
        if (!access.mayManageGroup(turn, group)) {
            return access.refuse(turn, "group settings");
        }
        String language = button.data().substring(button.data().lastIndexOf(':') + 1);
        if (!language.equals("zh") && !language.equals("en")) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        groups.language(group.chatId(), language);
        audit.record(turn.userId(), "group.language", turn.chatId(), Map.of("language", language));
        GroupChat updated = groups.byChat(group.chatId()).orElseThrow();
        Locale locale = SubscriptionPanel.locale(updated);
        return List.of(new Outbound.Edit(turn.chatId(), button.messageId(), text(updated, locale), buttons(), locale));
    }
}
