package org.muster.recruitment;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Passes offered places on when their time ran out. Any number of instances may run it: expired
 * offers are claimed {@code FOR UPDATE SKIP LOCKED}, so each is passed on once.
 */
@Component
class WaitlistOffers {

    private final Enrolments enrolments;

    WaitlistOffers(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    @Scheduled(fixedDelayString = "${muster.recruitment.offer-poll:15s}")
    void expire() {
        while (enrolments.expireOffers() > 0) {
            // more may be waiting
        }
    }
}
