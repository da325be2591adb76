package org.muster.recruitment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.muster.broadcast.Broadcasts;
import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.muster.conversation.SendResult;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every posted copy of a call showing its current counter. A change marks the call; this
 * round edits the copies that lag behind, each at most once per {@code counter-edit-gap}, so fifty
 * taps in a minute cost a group a handful of edits rather than fifty. Copies are claimed in
 * PostgreSQL, so instances share the work.
 */
@Component
class CounterRefresher {

    private final CallRepository calls;
    private final CallMessages messages;
    private final ChatSender sender;
    private final Broadcasts broadcasts;
    private final RecruitmentProperties properties;
    private final java.util.Set<String> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CounterRefresher(CallRepository calls, CallMessages messages, ChatSender sender, Broadcasts broadcasts,
                     RecruitmentProperties properties) {
        this.calls = calls;
        this.messages = messages;
        this.sender = sender;
        this.broadcasts = broadcasts;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${muster.recruitment.counter-poll:1s}")
    void refresh() {
        // the gap between edits paces Telegram, so it is measured in real time, not the organisation's clock
        List<CallRepository.StaleCopy> stale = calls.claimStaleCopies(Instant.now(), properties.counterEditGap(), properties.counterBatch());
        Map<Long, Optional<Call>> current = new HashMap<>();
        Map<Long, Counts> counts = new HashMap<>();
        for (CallRepository.StaleCopy copy : stale) {
            Optional<Call> call = current.computeIfAbsent(copy.activityId(), calls::byId);
            if (call.isEmpty()) {
                continue;
            }
            String key = copy.chatId() + ":" + copy.messageId();
            if (!pending.add(key)) {
                // an edit of this copy is still waiting in its group's queue: it will show the newest count
                continue;
            }
            Counts now = counts.computeIfAbsent(copy.activityId(), calls::counts);
            var locale = broadcasts.localeOf(copy.chatId(), copy.chatId() > 0, Languages.CHINESE);
            sender.send(messages.edit(copy.chatId(), copy.messageId(), call.get(), now, locale)).whenComplete((result, error) -> {
                pending.remove(key);
                if (result != null && result.ok()) {
                    calls.shown(copy);
                } else if (result instanceof SendResult.Refused refused && refused.reason() != SendResult.Reason.GAVE_UP) {
                    // the message is gone, or the chat: stop trying to edit it
                    calls.shown(new CallRepository.StaleCopy(copy.activityId(), copy.chatId(), copy.messageId(), Long.MAX_VALUE));
                }
            });
        }
    }

    @EventListener
    void onMoved(org.muster.conversation.ChatMoved moved) {
        calls.forgetCopies(moved.fromChatId());
    }
}
