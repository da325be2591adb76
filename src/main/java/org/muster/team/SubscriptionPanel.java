package org.muster.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.catalog.Area;
import org.muster.catalog.Catalog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * {@code /subscribe} in a group: a panel of toggles for which recruitment calls the group wants
 * (all; or calls in some areas, a district taking in its streets; or calls needing some skills).
 * Each press is saved at once and redraws the panel. {@code /unsubscribe} turns everything off.
 */
@Component
class SubscriptionPanel implements ButtonHandler {

    private final GroupRepository groups;
    private final TeamAccess access;
    private final Catalog catalog;
    private final AuditLog audit;

    SubscriptionPanel(GroupRepository groups, TeamAccess access, Catalog catalog, AuditLog audit) {
        this.groups = groups;
        this.access = access;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Component
    static class Subscribe implements CommandHandler {
        private final SubscriptionPanel panel;

        Subscribe(SubscriptionPanel panel) {
            this.panel = panel;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.forRoles("subscribe", CommandSpec.Place.GROUP, Role.COORDINATOR, Role.LEADER);
        }

        @Override
        public List<Outbound> handle(Turn turn, CommandCall call) {
            return panel.open(turn);
        }
    }

    @Component
    static class Unsubscribe implements CommandHandler {
        private final SubscriptionPanel panel;

        Unsubscribe(SubscriptionPanel panel) {
            this.panel = panel;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.forRoles("unsubscribe", CommandSpec.Place.GROUP, Role.COORDINATOR, Role.LEADER);
        }

        @Override
        public List<Outbound> handle(Turn turn, CommandCall call) {
            return panel.clear(turn);
        }
    }

    List<Outbound> open(Turn turn) {
        Optional<GroupChat> group = Optional.of(groups.ensure(turn));
        if (!access.mayManageGroup(turn, group.get())) {
            return access.refuse(turn, "subscribe");
        }
        Locale locale = locale(group.get());
        Subscription subscription = groups.subscription(turn.chatId());
        return List.of(new Outbound.Send(turn.chatId(), text(subscription, locale), keyboard(subscription, null, locale), null, locale));
    }

    List<Outbound> clear(Turn turn) {
        Optional<GroupChat> group = Optional.of(groups.ensure(turn));
        if (!access.mayManageGroup(turn, group.get())) {
            return access.refuse(turn, "unsubscribe");
        }
        groups.saveSubscription(Subscription.none(turn.chatId()), turn.userId());
        audit.record(turn.userId(), "group.unsubscribed", turn.chatId(), Map.of());
        return List.of(new Outbound.Send(turn.chatId(), Txt.of("subscription.cleared"), null, null, locale(group.get())));
    }

    @Override
    public String prefix() {
        return "sub";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        Optional<GroupChat> group = groups.byChat(turn.chatId());
        if (group.isEmpty() || !access.mayManageGroup(turn, group.get())) {
            return access.refuse(turn, "subscription panel");
        }
        Locale locale = locale(group.get());
        Subscription current = groups.subscription(turn.chatId());
        String[] parts = button.data().split(":", 3);
        String action = parts.length > 1 ? parts[1] : "";
        String code = parts.length > 2 ? parts[2] : "";
        Subscription next = current;
        String level = null;
        switch (action) {
            case "all" -> next = new Subscription(current.chatId(), !current.allCalls(), current.areaCodes(), current.skillCodes());
            case "a" -> {
                if (!catalog.hasArea(code)) {
                    return List.of(turn.toast(Txt.of("error.button_expired")));
                }
                next = new Subscription(current.chatId(), current.allCalls(), toggled(current.areaCodes(), code), current.skillCodes());
                level = catalog.area(code).map(Area::parentCode).orElse(null);
            }
            case "s" -> {
                if (!catalog.hasSkill(code)) {
                    return List.of(turn.toast(Txt.of("error.button_expired")));
                }
                next = new Subscription(current.chatId(), current.allCalls(), current.areaCodes(), toggled(current.skillCodes(), code));
            }
            case "nav" -> level = code.equals("-") || !catalog.hasArea(code) ? null : code;
            case "close" -> {
                return List.of(new Outbound.Edit(turn.chatId(), button.messageId(), text(current, locale), null, locale));
            }
            default -> {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
        }
        if (!next.equals(current)) {
            groups.saveSubscription(next, turn.userId());
            audit.record(turn.userId(), "group.subscription", turn.chatId(), Map.of("change", action + ":" + code));
        }
        return List.of(new Outbound.Edit(turn.chatId(), button.messageId(), text(next, locale), keyboard(next, level, locale), locale));
    }

    /** What the group receives, in words. */
    Txt summary(Subscription subscription, Locale locale) {
        if (subscription.allCalls()) {
            return Txt.of("subscription.all");
        }
        if (subscription.isEmpty()) {
            return Txt.of("subscription.nothing");
        }
        List<Txt> parts = new ArrayList<>();
        if (!subscription.areaCodes().isEmpty()) {
            parts.add(Txt.of("subscription.areas", Txt.join(subscription.areaCodes().stream()
                    .map(code -> Txt.literal(catalog.pathName(code, locale))).toList())));
        }
        if (!subscription.skillCodes().isEmpty()) {
            parts.add(Txt.of("subscription.skills", Txt.join(subscription.skillCodes().stream()
                    .map(code -> Txt.literal(catalog.skillName(code, locale))).toList())));
        }
        return Txt.of("subscription.some", parts);
    }

    private Txt text(Subscription subscription, Locale locale) {
        return Txt.of("subscription.panel", summary(subscription, locale));
    }

    private Markup.Inline keyboard(Subscription subscription, String level, Locale locale) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        rows.add(List.of(Markup.Button.callback(toggle(Txt.of("subscription.all_button"), subscription.allCalls()), "sub:all")));
        List<Area> areas = level == null ? catalog.topAreas() : catalog.children(level);
        for (Area area : areas) {
            List<Markup.Button> row = new ArrayList<>();
            row.add(Markup.Button.callback(toggle(Txt.literal(area.name(locale)), subscription.areaCodes().contains(area.code())),
                    "sub:a:" + area.code()));
            if (!catalog.children(area.code()).isEmpty()) {
                row.add(Markup.Button.callback(Txt.of("subscription.open_area", Txt.literal(area.name(locale))), "sub:nav:" + area.code()));
            }
            rows.add(row);
        }
        if (level != null) {
            String up = catalog.area(level).map(Area::parentCode).orElse(null);
            rows.add(List.of(Markup.Button.callback(Txt.of("subscription.back"), "sub:nav:" + (up == null ? "-" : up))));
        }
        List<Markup.Button> skillRow = new ArrayList<>();
        for (var skill : catalog.skills()) {
            skillRow.add(Markup.Button.callback(toggle(Txt.literal(skill.name(locale)), subscription.skillCodes().contains(skill.code())),
                    "sub:s:" + skill.code()));
            if (skillRow.size() == 2) {
                rows.add(skillRow);
                skillRow = new ArrayList<>();
            }
        }
        if (!skillRow.isEmpty()) {
            rows.add(skillRow);
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("subscription.close"), "sub:close")));
        return new Markup.Inline(rows);
    }

    private static Txt toggle(Txt label, boolean on) {
        return on ? Txt.of("subscription.on", label) : label;
    }

    private static List<String> toggled(List<String> values, String value) {
        List<String> out = new ArrayList<>(values);
        if (!out.remove(value)) {
            out.add(value);
        }
        return out;
    }

    static Locale locale(GroupChat group) {
        return Languages.fromCode(group.language()).orElse(Languages.CHINESE);
    }
}
