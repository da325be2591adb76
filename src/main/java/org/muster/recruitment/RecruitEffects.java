package org.muster.recruitment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.broadcast.BroadcastStatus;
import org.muster.broadcast.Broadcasts;
import org.muster.broadcast.Reach;
import org.muster.broadcast.Target;
import org.muster.catalog.Catalog;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** The preview (what groups will see, and how many it reaches) and the publishing of a call. */
@Component
class RecruitEffects {

    private final CallRepository calls;
    private final CallMessages messages;
    private final Broadcasts broadcasts;
    private final AuditLog audit;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Catalog catalog;

    RecruitEffects(CallRepository calls, CallMessages messages, Broadcasts broadcasts, AuditLog audit,
                   org.springframework.context.ApplicationEventPublisher events, Catalog catalog) {
        this.events = events;
        this.catalog = catalog;
        this.calls = calls;
        this.messages = messages;
        this.broadcasts = broadcasts;
        this.audit = audit;
    }

    static Target target(Call call) {
        return new Target(call.targetAll(), call.targetByArea(), call.targetBySkill(), call.targetDirect(), call.areaCode(), call.skills());
    }

    static Target target(RecruitFlow.Draft draft) {
        return new Target(draft.targetAll(), draft.targetByArea(), draft.targetBySkill(), draft.targetDirect(), draft.areaCode(),
                draft.skills());
    }

    List<Outbound> preview(RecruitFlow.Draft draft, Turn turn) {
        Call call = draft.asCall(turn.userId());
        Reach reach = broadcasts.reachOf(target(draft));
        return List.of(
                turn.reply(Txt.of("recruit.preview_intro")),
                new Outbound.Send(turn.chatId(), messages.body(call, new Counts(0, 0, 0), turn.locale()), null, null, turn.locale()),
                turn.reply(Txt.of("recruit.preview_reach", reach.groups(), reach.volunteers(), reach.lines(catalog, turn.locale())),
                        RecruitQuestions.previewKeyboard()));
    }

    List<Outbound> publish(RecruitFlow.Draft draft, Turn turn) {
        long id = calls.create(draft, turn.userId());
        BroadcastStatus status = publish(id, draft, turn.userId(), turn.locale(), turn.chatId());
        return List.of(turn.reply(Txt.of("recruit.published", Txt.literal(draft.title()), status.total())));
    }

    /** Sends a created call to its groups (progress shown in {@code progressChat}, if any), audited. */
    BroadcastStatus publish(long id, RecruitFlow.Draft draft, long by, java.util.Locale locale, Long progressChat) {
        BroadcastStatus status = broadcasts.publish(CallContent.CALL, id, null, target(draft), by, locale, progressChat);
        audit.record(by, "call.published", progressChat, Map.of("call", id, "recipients", status.total()));
        events.publishEvent(new CallChanged(id, "published"));
        return status;
    }

    long create(RecruitFlow.Draft draft, long by) {
        return calls.create(draft, by);
    }

    @Component
    static class Preview implements EffectHandler<PreviewCall> {
        private final RecruitEffects effects;

        Preview(RecruitEffects effects) {
            this.effects = effects;
        }

        @Override
        public Set<Role> requiredRoles() {
            return Set.of(Role.COORDINATOR);
        }

        @Override
        public Class<PreviewCall> type() {
            return PreviewCall.class;
        }

        @Override
        public List<Outbound> apply(PreviewCall effect, Turn turn) {
            return effects.preview(effect.draft(), turn);
        }
    }

    @Component
    static class Publish implements EffectHandler<PublishCall> {
        private final RecruitEffects effects;

        Publish(RecruitEffects effects) {
            this.effects = effects;
        }

        @Override
        public Set<Role> requiredRoles() {
            return Set.of(Role.COORDINATOR);
        }

        @Override
        public Class<PublishCall> type() {
            return PublishCall.class;
        }

        @Override
        public List<Outbound> apply(PublishCall effect, Turn turn) {
            return effects.publish(effect.draft(), turn);
        }
    }
}
