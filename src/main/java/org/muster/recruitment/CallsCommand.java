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
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** {@code /calls}: a coordinator's calls with how they fill and how far their broadcast got; close, cancel, re-time. */
@Component
class CallsCommand implements CommandHandler, ButtonHandler {

    private static final int LISTED = 10;

    private final CallRepository calls;
    private final CallMessages messages;
    private final Broadcasts broadcasts;
    private final CallChanges changes;
    private final FlowEngine engine;
    private final RetimeFlow retime;
    private final AuditLog audit;

    CallsCommand(CallRepository calls, CallMessages messages, Broadcasts broadcasts, CallChanges changes, FlowEngine engine,
                 RetimeFlow retime, AuditLog audit) {
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
        List<Call> mine = calls.createdBy(turn.userId(), LISTED);
        if (mine.isEmpty()) {
            return List.of(turn.reply(Txt.of("calls.none")));
        }
        List<Txt> lines = mine.stream().map(c -> line(c)).toList();
        List<List<Markup.Button>> rows = mine.stream()
                .map(c -> List.of(Markup.Button.callback(Txt.literal(c.title()), "calls:show:" + c.id()))).toList();
        return List.of(turn.reply(Txt.of("calls.list", lines), new Markup.Inline(rows)));
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
                return List.of(clear, turn.reply(Txt.of("calls.closed", Txt.literal(c.title()))));
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
                return List.of(clear, turn.reply(Txt.of("calls.cancelled", Txt.literal(c.title()), told)));
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

    private Outbound details(Turn turn, Call call) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        if (call.isOpen()) {
            rows.add(List.of(Markup.Button.callback(Txt.of("calls.close_button"), "calls:close:" + call.id()),
                    Markup.Button.callback(Txt.of("calls.retime_button"), "calls:retime:" + call.id())));
        }
        if (!call.isCancelled()) {
            rows.add(List.of(Markup.Button.callback(Txt.of("calls.cancel_button"), "calls:cancel:" + call.id())));
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("calls.refresh_button"), "calls:show:" + call.id())));
        return turn.reply(Txt.of("calls.details", line(call)), new Markup.Inline(rows));
    }
}
