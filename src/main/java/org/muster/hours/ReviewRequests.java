package org.muster.hours;

import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Once a record waiting for review is committed, its reviewers get it privately. */
@Component
class ReviewRequests {

    private static final Logger log = LoggerFactory.getLogger(ReviewRequests.class);

    private final HoursRepository repository;
    private final ReviewCards cards;
    private final ChatSender sender;
    private final Languages languages;

    ReviewRequests(HoursRepository repository, ReviewCards cards, ChatSender sender, Languages languages) {
        this.repository = repository;
        this.cards = cards;
        this.sender = sender;
        this.languages = languages;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    // outside the committed transaction: whatever this writes commits before it sends (Spring would
    // otherwise let it join the finished transaction, committed only when that is cleaned up)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onReported(HoursReported reported) {
        repository.byId(reported.recordId()).filter(HoursRecord::pending).ifPresent(record -> {
            var reviewers = cards.reviewers(record);
            if (reviewers.isEmpty()) {
                log.info("hours record {} has no team leader to review it; coordinators see it in /approve", record.id());
            }
            reviewers.forEach(user -> cards.send(sender, user, record, languages.forUserId(user)));
        });
    }
}
