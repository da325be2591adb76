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
 * first progress, then edits it, at most once per interval. Any number of instances may run it: each
 * update is claimed in PostgreSQL ({@link BroadcastRepository#claimProgress}), so one instance sends it.
 */
@Component
class BroadcastProgress {

    private final BroadcastRepository repository;
    private final ChatSender sender;
    private final java.time.Clock clock;
    private final java.time.Duration claimTimeout;

    BroadcastProgress(BroadcastRepository repository, ChatSender sender, java.time.Clock clock, BroadcastProperties properties) {
        this.repository = repository;
        this.sender = sender;
        this.clock = clock;
        this.claimTimeout = properties.claimTimeout();
    }

    @Scheduled(fixedDelayString = "${muster.broadcast.progress-interval:3s}")
    void update() {
        java.time.Instant now = clock.instant();
        for (BroadcastRepository.Progress progress : repository.staleProgress(now.minus(claimTimeout))) {
            BroadcastStatus status = repository.status(progress.broadcastId());
            int done = status.sent() + status.failed();
            if (!repository.claimProgress(progress, done, status.finished(), now)) {
                // another instance took this round's update of it
                continue;
            }
            Locale locale = Languages.fromCode(progress.language()).orElse(Languages.CHINESE);
            Txt text = Txt.of(status.finished() ? "broadcast.progress_done" : "broadcast.progress",
                    status.sent(), status.total(), status.failed());
            // none yet, or one whose instance died while sending it (-1 past its claim): a new one
            if (progress.messageId() <= 0) {
                sender.send(new Outbound.Send(progress.chatId(), text, null, null, locale)).thenAccept(result -> {
                    if (result instanceof SendResult.Sent sent) {
                        repository.progressMessage(progress.broadcastId(), sent.messageId());
                    } else {
                        repository.progressNotSent(progress.broadcastId());
                    }
                });
            } else {
                sender.send(new Outbound.Edit(progress.chatId(), progress.messageId(), text, null, locale));
            }
        }
    }
}
