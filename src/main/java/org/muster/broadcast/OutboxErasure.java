package org.muster.broadcast;

import org.muster.volunteer.VolunteerForgotten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erasure, inside its transaction: nothing waiting for the person's private chat is sent, and no outbox row keeps their chat id. */
@Component
class OutboxErasure {

    private final BroadcastRepository repository;

    OutboxErasure(BroadcastRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        repository.forgetUser(forgotten.userId());
    }
}
