package org.muster.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides who answers an inbound event: a command (typed or by keyword alias), the sender's
 * conversation in that chat, a button's handler, or the chat-event handlers. Role and place of a
 * command are checked here, on every call, not only when a menu is shown.
 */
@Component
class UpdateRouter {

    private static final Logger log = LoggerFactory.getLogger(UpdateRouter.class);

    private final CommandCatalog commands;
    private final FlowEngine engine;
    private final Map<String, ButtonHandler> buttons = new HashMap<>();
    private final List<ChatEventHandler> chatEvents;
    private final AuditLog audit;
    private final BotProfile bot;
    private final List<ReplyHandler> replyHandlers;

    UpdateRouter(CommandCatalog commands, FlowEngine engine, List<ButtonHandler> buttonHandlers,
                 List<ChatEventHandler> chatEvents, AuditLog audit, BotProfile bot, List<ReplyHandler> replyHandlers) {
        this.replyHandlers = replyHandlers;
        this.commands = commands;
        this.engine = engine;
        this.chatEvents = chatEvents;
        this.audit = audit;
        this.bot = bot;
        for (ButtonHandler handler : buttonHandlers) {
            if (buttons.put(handler.prefix(), handler) != null) {
                throw new IllegalStateException("two button handlers for " + handler.prefix());
            }
        }
    }

    List<Outbound> route(Turn turn) {
        Inbound inbound = turn.inbound();
        if (inbound instanceof Inbound.Text text) {
            return routeText(turn, text);
        }
        if (inbound instanceof Inbound.Button button) {
            return withToast(turn, routeButton(turn, button));
        }
        if (inbound instanceof Inbound.Contact || inbound instanceof Inbound.Location) {
            return engine.continueFlow(turn)
                    .orElseGet(() -> turn.isPrivate() ? List.of(turn.reply(Txt.of("fallback.unexpected_share"))) : List.of());
        }
        if (inbound instanceof Inbound.BotStatusChanged || inbound instanceof Inbound.MembersJoined
                || inbound instanceof Inbound.MemberLeft || inbound instanceof Inbound.ChatMigrated) {
            List<Outbound> out = new ArrayList<>();
            chatEvents.forEach(handler -> out.addAll(handler.handle(turn)));
            return out;
        }
        Inbound.Unsupported unsupported = (Inbound.Unsupported) inbound;
        log.debug("unsupported inbound: {}", unsupported.what());
        return turn.isPrivate() ? List.of(turn.reply(Txt.of("fallback.unsupported"))) : List.of();
    }

    private List<Outbound> routeText(Turn turn, Inbound.Text text) {
        if (text.command() == null && !turn.isPrivate() && text.replyToBot() && text.replyToMessageId() != null) {
            for (ReplyHandler handler : replyHandlers) {
                Optional<List<Outbound>> answered = handler.handle(turn, text);
                if (answered.isPresent()) {
                    return answered.get();
                }
            }
        }
        Optional<CommandCall> call = Optional.ofNullable(text.command()).or(() -> commands.alias(text.text()));
        if (call.isPresent()) {
            return runCommand(turn, call.get());
        }
        // in a group a conversation goes on only with replies to the bot, as privacy mode has it anyway:
        // a bot that is the group's administrator must not read the member's chatter as answers
        Optional<List<Outbound>> inFlow = turn.isPrivate() || text.replyToBot() ? engine.continueFlow(turn) : Optional.empty();
        if (inFlow.isPresent()) {
            return inFlow.get();
        }
        return turn.isPrivate() ? List.of(turn.reply(Txt.of("fallback.unknown_text"))) : List.of();
    }

    private List<Outbound> runCommand(Turn turn, CommandCall call) {
        Optional<CommandHandler> handler = commands.find(call.name());
        if (handler.isEmpty()) {
            // in a group, a bare /command may well be meant for another bot there
            if (turn.isPrivate() || call.explicit()) {
                log.info("unknown command /{} from user {}", call.name(), turn.userId());
                return List.of(turn.reply(Txt.of("error.unknown_command", Txt.quote("/" + call.name()))));
            }
            return List.of();
        }
        CommandSpec spec = handler.get().spec();
        if (!spec.allows(turn.roles())) {
            audit.record(turn.userId(), "command.refused", turn.chatId(),
                    Map.of("command", spec.name(), "reason", "role"));
            boolean forVolunteers = spec.roles().equals(java.util.Set.of(Role.VOLUNTEER));
            return List.of(turn.reply(forVolunteers ? Txt.of("error.not_signed_up")
                    : Txt.of("error.not_allowed", "/" + spec.name())));
        }
        if (!spec.usableIn(turn.chat())) {
            if (spec.place() == CommandSpec.Place.PRIVATE) {
                Markup.Inline open = Markup.Inline.of(List.of(
                        Markup.Button.link(Txt.of("button.open_private_chat"), bot.deepLink(""))));
                return List.of(turn.reply(Txt.of("error.private_only", "/" + spec.name()), open));
            }
            return List.of(turn.reply(Txt.of("error.group_only", "/" + spec.name())));
        }
        return handler.get().handle(turn, call);
    }

    private List<Outbound> routeButton(Turn turn, Inbound.Button button) {
        String data = button.data() == null ? "" : button.data();
        int colon = data.indexOf(':');
        String prefix = colon < 0 ? data : data.substring(0, colon);
        ButtonHandler handler = buttons.get(prefix);
        if (handler != null) {
            return handler.handle(turn, button);
        }
        if (engine.activeFlow(turn.chatId(), turn.userId()).filter(prefix::equals).isPresent()) {
            return engine.continueFlow(turn).orElse(List.of());
        }
        log.info("button with stale or unknown data pressed by user {} in chat {}", turn.userId(), turn.chatId());
        return List.of(turn.toast(Txt.of("error.button_expired")));
    }

    /** Every button press is answered once, or the user's app keeps spinning. */
    private static List<Outbound> withToast(Turn turn, List<Outbound> out) {
        List<Outbound> toastFirst = new ArrayList<>();
        out.stream().filter(Outbound.Toast.class::isInstance).findFirst().ifPresentOrElse(toastFirst::add,
                () -> toastFirst.add(new Outbound.Toast(((Inbound.Button) turn.inbound()).callbackId(), null, false, turn.locale())));
        out.stream().filter(o -> !(o instanceof Outbound.Toast)).forEach(toastFirst::add);
        return toastFirst;
    }
}
