package org.muster.recruitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.broadcast.BroadcastStatus;
import org.muster.broadcast.Broadcasts;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Paging;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * {@code /calls}: the organisation's calls (or only the caller's) with how they fill and how far their broadcast got, a
 * page at a time; any coordinator closes, cancels, re-times any call, audited with who did it; the people of a call.
 */
@Component
class CallsCommand implements CommandHandler, ButtonHandler {

    private final CallRepository calls;
    private final CallMessages messages;
    private final Broadcasts broadcasts;
    private final CallChanges changes;
    private final FlowEngine engine;
    private final RetimeFlow retime;
    private final AuditLog audit;
    private final org.muster.app.ConsoleLink console;

    CallsCommand(CallRepository calls, CallMessages messages, Broadcasts broadcasts, CallChanges changes, FlowEngine engine,
                 RetimeFlow retime, AuditLog audit, org.muster.app.ConsoleLink console) {
        this.console = console;
        this.calls = calls;
        this.messages = messages;
        this.broadcasts = broadcasts;
        this.changes = changes;
        this.engine = engine;
        this.retime = retime;
        this.audit = audit;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("calls", CommandSpec.Place.PRIVATE, Role.COORDINATOR);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        return List.of(list(turn, ALL, 0, null));
    }

    /** Calls shown on one page: their lines and buttons stay far below Telegram's limits. */
    static final int PAGE_SIZE = 8;
    /** How many calls a list looks at, at most. */
    private static final int LOOKED_AT = 500;
    static final String ALL = "a";
    static final String MINE = "m";

    /**
     * Page {@code page} of the organisation's current calls ({@link #ALL}) or of those the caller made
     * ({@link #MINE}): sent anew, or drawn over {@code messageId} when paging or filtering.
     */
    Outbound list(Turn turn, String filter, int page, Integer messageId) {
        List<Call> found = MINE.equals(filter) ? calls.createdBy(turn.userId(), LOOKED_AT) : calls.current(turn.now(), LOOKED_AT);
        Paging<Call> shown = Paging.of(found, PAGE_SIZE, page);
        List<List<Markup.Button>> rows = new ArrayList<>();
        rows.add(List.of(
                Markup.Button.callback(Txt.of(ALL.equals(filter) ? "calls.filter_selected" : "calls.filter", Txt.of("calls.filter_all")),
                        "calls:list:" + ALL + ":0"),
                Markup.Button.callback(Txt.of(MINE.equals(filter) ? "calls.filter_selected" : "calls.filter", Txt.of("calls.filter_mine")),
                        "calls:list:" + MINE + ":0")));
        Txt text;
        if (shown.total() == 0) {
            text = Txt.of(MINE.equals(filter) ? "calls.none" : "calls.none_all");
        } else {
            List<Txt> lines = shown.items().stream().map(c -> line(c, turn.userId())).toList();
            shown.items().forEach(c -> rows.add(List.of(Markup.Button.callback(Txt.literal(c.title()), "calls:show:" + c.id()))));
            rows.addAll(shown.navigation("calls:list:" + filter + ":"));
            text = Txt.of(MINE.equals(filter) ? "calls.list" : "calls.list_all", lines, shown.total());
        }
        // the board shows the same live, in the console (a Mini App: private chats only, as this command is)
        console.url("board").ifPresent(url -> rows.add(List.of(Markup.Button.webApp(Txt.of("app.open_button"), url))));
        Markup.Inline markup = new Markup.Inline(rows);
        return messageId == null ? turn.reply(text, markup) : new Outbound.Edit(turn.chatId(), messageId, text, markup, turn.locale());
    }

    private Txt line(Call call, long viewer) {
        Txt line = line(call);
        return call.createdBy() == viewer ? Txt.of("calls.line_mine", line) : line;
    }

    private Txt line(Call call) {
        Counts counts = calls.counts(call.id());
        BroadcastStatus sent = broadcasts.statusOf(call.id(), CallContent.CALL);
        return Txt.of("calls.line", Txt.literal(call.title()), messages.when(call), counts.taken(), call.slots(), counts.waitlisted(),
                Txt.of("calls.status_" + call.status()), sent.sent(), sent.total(), sent.failed());
    }

    @Override
    public String prefix() {
        return "calls";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        if (!turn.has(Role.COORDINATOR) || !turn.isPrivate()) {
            audit.record(turn.userId(), "button.refused", turn.chatId(), Map.of("button", "calls"));
            return List.of(turn.toast(Txt.of("calls.not_allowed")));
        }
        String[] parts = button.data().split(":");
        if (parts.length == 4 && parts[1].equals("list") && (parts[2].equals(ALL) || parts[2].equals(MINE))) {
            try {
                return List.of(turn.toast(null), list(turn, parts[2], Integer.parseInt(parts[3]), button.messageId()));
            } catch (NumberFormatException e) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
        }
        Optional<Call> call = Optional.empty();
        if (parts.length == 3) {
            try {
                call = calls.byId(Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                call = Optional.empty();
            }
        }
        if (call.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        Call c = call.get();
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        switch (parts[1]) {
            case "show":
                return List.of(details(turn, c));
            case "close":
                if (!c.isOpen()) {
                    return List.of(turn.toast(Txt.of("calls.not_open")));
                }
                changes.close(turn, c);
                return List.of(redraw(turn, button.messageId(), c.id()), turn.reply(Txt.of("calls.closed", Txt.literal(c.title()))));
            case "cancel":
                if (c.isCancelled()) {
                    return List.of(turn.toast(Txt.of("calls.not_open")));
                }
                return List.of(turn.reply(Txt.of("calls.confirm_cancel", Txt.literal(c.title())), Markup.Inline.of(List.of(
                        Markup.Button.callback(Txt.of("calls.cancel_yes"), "calls:cancelyes:" + c.id()),
                        Markup.Button.callback(Txt.of("calls.cancel_no"), "calls:show:" + c.id())))));
            case "cancelyes":
                if (c.isCancelled()) {
                    return List.of(turn.toast(Txt.of("calls.not_open")));
                }
                int told = changes.cancel(turn, c);
                return List.of(redraw(turn, button.messageId(), c.id()),
                        turn.reply(Txt.of("calls.cancelled", Txt.literal(c.title()), told)));
            case "retime":
                if (!c.isOpen()) {
                    return List.of(turn.toast(Txt.of("calls.not_open")));
                }
                List<Outbound> out = new ArrayList<>();
                out.add(clear);
                out.addAll(engine.start(turn, retime, retime.begin(turn, c.id())));
                return out;
            default:
                return List.of(turn.toast(Txt.of("error.button_expired")));
        }
    }

    /** The call's details as they are now, drawn over the message whose button changed it. */
    private Outbound redraw(Turn turn, int messageId, long id) {
        Call now = calls.byId(id).orElseThrow();
        return new Outbound.Edit(turn.chatId(), messageId, Txt.of("calls.details", line(now)), detailButtons(now), turn.locale());
    }

    private Outbound details(Turn turn, Call call) {
        return turn.reply(Txt.of("calls.details", line(call)), detailButtons(call));
    }

    private static Markup.Inline detailButtons(Call call) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        if (call.isOpen()) {
            rows.add(List.of(Markup.Button.callback(Txt.of("calls.close_button"), "calls:close:" + call.id()),
                    Markup.Button.callback(Txt.of("calls.retime_button"), "calls:retime:" + call.id())));
        }
        if (!call.isCancelled()) {
            rows.add(List.of(Markup.Button.callback(Txt.of("calls.cancel_button"), "calls:cancel:" + call.id())));
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("calls.people_button"), PeopleCommand.PREFIX + ":v:" + call.id()),
                Markup.Button.callback(Txt.of("calls.refresh_button"), "calls:show:" + call.id())));
        return new Markup.Inline(rows);
    }
}
