package org.muster.broadcast;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.catalog.Catalog;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** The two effects of /broadcast: the preview with its reach, and the publishing. */
@Component
class NoticeEffects {

    private final Broadcasts broadcasts;
    private final AuditLog audit;

    NoticeEffects(Broadcasts broadcasts, AuditLog audit) {
        this.broadcasts = broadcasts;
        this.audit = audit;
    }

    @Component
    static class Preview implements EffectHandler<PreviewNotice> {
        private final Broadcasts broadcasts;
        private final Catalog catalog;

        Preview(Broadcasts broadcasts, Catalog catalog) {
            this.broadcasts = broadcasts;
            this.catalog = catalog;
        }

        @Override
        public Set<Role> requiredRoles() {
            return Set.of(Role.COORDINATOR);
        }

        @Override
        public Class<PreviewNotice> type() {
            return PreviewNotice.class;
        }

        @Override
        public List<Outbound> apply(PreviewNotice effect, Turn turn) {
            Reach reach = broadcasts.reachOf(effect.target());
            return List.of(
                    turn.reply(Txt.of("broadcast.notice", Txt.literal(effect.text()))),
                    turn.reply(Txt.of("broadcast.preview", reach.groups(), reach.lines(catalog, turn.locale())), new Markup.Inline(List.of(
                            List.of(Markup.Button.callback(Txt.of("broadcast.send"), BroadcastFlow.NAME + ":send")),
                            List.of(Markup.Button.callback(Txt.of("broadcast.edit"), BroadcastFlow.NAME + ":edit"),
                                    Markup.Button.callback(Txt.of("broadcast.cancel"), BroadcastFlow.NAME + ":cancel"))))));
        }
    }

    @Component
    static class Send implements EffectHandler<SendNotice> {
        private final NoticeEffects effects;

        Send(NoticeEffects effects) {
            this.effects = effects;
        }

        @Override
        public Set<Role> requiredRoles() {
            return Set.of(Role.COORDINATOR);
        }

        @Override
        public Class<SendNotice> type() {
            return SendNotice.class;
        }

        @Override
        public List<Outbound> apply(SendNotice effect, Turn turn) {
            return effects.send(effect, turn);
        }
    }

    List<Outbound> send(SendNotice effect, Turn turn) {
        BroadcastStatus status = broadcasts.publish(NoticeContent.KIND, null, effect.text(), effect.target(), turn.userId(),
                turn.locale(), turn.chatId());
        audit.record(turn.userId(), "broadcast.sent", turn.chatId(), Map.of("broadcast", status.broadcastId(), "recipients", status.total()));
        return List.of(turn.reply(Txt.of("broadcast.published", status.total())));
    }
}
