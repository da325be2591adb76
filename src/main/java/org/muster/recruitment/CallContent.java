package org.muster.recruitment;

import java.util.Optional;

import org.muster.broadcast.Broadcast;
import org.muster.broadcast.BroadcastContent;
import org.muster.broadcast.Broadcasts;
import org.muster.conversation.Outbound;
import org.muster.conversation.Txt;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The messages of recruitment broadcasts, rendered when sent: a call (with its counter as it is
 * then), a call pushed again, and news of a change for those enrolled. A call that was closed or
 * cancelled before its turn came is not posted.
 */
@Component
class CallContent {

    static final String CALL = "call";
    static final String REPUSH = "repush";
    static final String UPDATE = "call_update";

    private final CallRepository calls;
    private final CallMessages messages;
    private final Broadcasts broadcasts;
    /**
     * The call's version each copy was rendered at, until the copy is recorded: an enrolment between
     * rendering and recording must leave the copy behind (to be refreshed), not marked current.
     */
    private final java.util.Map<String, Long> renderedAt = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
        // a copy whose send failed is never recorded: the oldest entries go (a copy without one is refreshed once more)
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > RENDERED_KEPT;
        }
    });
    private static final int RENDERED_KEPT = 10_000;

    CallContent(CallRepository calls, CallMessages messages, @Lazy Broadcasts broadcasts) {
        this.calls = calls;
        this.messages = messages;
        this.broadcasts = broadcasts;
    }

    private Optional<Outbound> post(Broadcast broadcast, long chatId, boolean toVolunteer, boolean again) {
        return calls.byId(broadcast.activityId()).filter(Call::isOpen).map(call -> {
            var locale = broadcasts.localeOf(chatId, toVolunteer, broadcast.locale());
            // the version is read before the counts, so the counts shown are at least that version's
            renderedAt.put(broadcast.id() + ":" + chatId, call.shownVersion());
            Counts counts = calls.counts(call.id());
            Outbound.Send send = messages.post(chatId, call, counts, locale);
            if (!again) {
                return send;
            }
            if (counts.taken() >= call.slots()) {
                // filled while the push was on its way: nothing to ask for
                renderedAt.remove(broadcast.id() + ":" + chatId);
                return null;
            }
            Txt text = Txt.of("call.again", call.slots() - counts.taken(), messages.body(call, counts, locale));
            return new Outbound.Send(chatId, text, send.markup(), null, locale);
        });
    }

    private void recordCopy(Broadcast broadcast, long chatId, int messageId) {
        Long rendered = renderedAt.remove(broadcast.id() + ":" + chatId);
        if (messageId > 0) {
            // rendered elsewhere (another instance, before a restart): one refresh too many is the safe side
            calls.byId(broadcast.activityId()).ifPresent(call -> calls.addCopy(call.id(), chatId, messageId,
                    rendered != null ? rendered : call.shownVersion() - 1));
        }
    }

    @Component
    static class Post implements BroadcastContent {
        private final CallContent content;

        Post(CallContent content) {
            this.content = content;
        }

        @Override
        public String kind() {
            return CALL;
        }

        @Override
        public Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer) {
            return content.post(broadcast, chatId, toVolunteer, false);
        }

        @Override
        public void delivered(Broadcast broadcast, long chatId, int messageId) {
            content.recordCopy(broadcast, chatId, messageId);
        }
    }

    @Component
    static class PostAgain implements BroadcastContent {
        private final CallContent content;

        PostAgain(CallContent content) {
            this.content = content;
        }

        @Override
        public String kind() {
            return REPUSH;
        }

        @Override
        public Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer) {
            return content.post(broadcast, chatId, toVolunteer, true);
        }

        @Override
        public void delivered(Broadcast broadcast, long chatId, int messageId) {
            content.recordCopy(broadcast, chatId, messageId);
        }
    }

    /** To someone enrolled: the call was re-timed, closed or cancelled ({@code text} says which). */
    @Component
    static class Update implements BroadcastContent {
        private final CallContent content;

        Update(CallContent content) {
            this.content = content;
        }

        @Override
        public String kind() {
            return UPDATE;
        }

        @Override
        public Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer) {
            return content.calls.byId(broadcast.activityId()).map(call -> new Outbound.Send(chatId,
                    Txt.of("call.update_" + broadcast.text(), Txt.literal(call.title()), content.messages.when(call),
                            Txt.literal(call.siteName())),
                    null, null, content.broadcasts.localeOf(chatId, true, broadcast.locale())));
        }
    }
}
