package org.muster.broadcast;

import java.util.Locale;

import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Txt;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the publisher's progress message current ("sent 120 of 500, 2 failed"): sends it with the
 * first progress, then edits it, at most once per interval.
 */
@Component
class BroadcastProgress {

    private final BroadcastRepository repository;
    private final ChatSender sender;

    BroadcastProgress(BroadcastRepository repository, ChatSender sender) {
        this.repository = repository;
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${muster.broadcast.progress-interval:3s}")
    void update() {
        for (BroadcastRepository.Progress progress : repository.staleProgress()) {
            BroadcastStatus status = repository.status(progress.broadcastId());
            int done = status.sent() + status.failed();
            repository.progressShown(progress.broadcastId(), done, status.finished());
            Locale locale = Languages.fromCode(progress.language()).orElse(Languages.CHINESE);
            Txt text = Txt.of(status.finished() ? "broadcast.progress_done" : "broadcast.progress",
                    status.sent(), status.total(), status.failed());
            if (progress.messageId() == 0) {
                sender.send(new Outbound.Send(progress.chatId(), text, null, null, locale)).thenAccept(result -> {
                    if (result instanceof SendResult.Sent sent) {
                        repository.progressMessage(progress.broadcastId(), sent.messageId());
                    }
                });
            } else {
                sender.send(new Outbound.Edit(progress.chatId(), progress.messageId(), text, null, locale));
            }
        }
    }
}
