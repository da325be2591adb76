package org.muster.recruitment;

import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Languages;
import org.muster.conversation.TurnFollowUps;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps a volunteer's private enrolment cards ("✅ you are signed up", "⏳ number 3 on the waitlist")
 * telling the truth: when their enrolment changes by any path (leaving from /myshifts or by a reply
 * in the group, a place offered or taken), each card they were sent is redrawn with its state now,
 * and loses its leave button once there is nothing to leave.
 */
@Component
class EnrolmentCards {

    private final EnrollmentRepository enrollments;
    private final CallRepository calls;
    private final CallMessages messages;
    private final GroupPrompts prompts;
    private final Languages languages;
    private final TurnFollowUps followUps;

    EnrolmentCards(EnrollmentRepository enrollments, CallRepository calls, CallMessages messages, GroupPrompts prompts,
                   Languages languages, TurnFollowUps followUps) {
        this.enrollments = enrollments;
        this.calls = calls;
        this.messages = messages;
        this.prompts = prompts;
        this.languages = languages;
        this.followUps = followUps;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onChange(CallChanged changed) {
        if (changed.volunteerId() == null) {
            return;
        }
        enrollments.of(changed.activityId(), changed.volunteerId()).ifPresent(enrollment -> calls.byId(changed.activityId())
                .ifPresent(call -> {
                    int place = "waitlisted".equals(enrollment.status()) ? enrollments.waitlistPlace(enrollment) : 0;
                    for (GroupPrompts.Prompt card : prompts.of(CallMessages.CARD, enrollment.id())) {
                        followUps.send(messages.card(card.chatId(), card.messageId(), call, enrollment, place,
                                languages.forUserId(card.chatId())));
                    }
                }));
    }
}
