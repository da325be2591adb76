package org.muster.recruitment;

import java.time.Clock;

import org.muster.volunteer.VolunteerForgotten;
import org.muster.volunteer.VolunteerLeaving;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What recruitment does when a volunteer asks to be forgotten: their coming shifts are left exactly
 * as {@code /leave} leaves them (the place offered to the waitlist, reminders dropped, counters
 * edited), and no call or posted copy names their account any more.
 */
@Component
class RecruitmentErasure {

    private static final Logger log = LoggerFactory.getLogger(RecruitmentErasure.class);

    private final EnrollmentRepository enrollments;
    private final Enrolments enrolments;
    private final CallRepository calls;
    private final Clock clock;

    RecruitmentErasure(EnrollmentRepository enrollments, Enrolments enrolments, CallRepository calls, Clock clock) {
        this.enrollments = enrollments;
        this.enrolments = enrolments;
        this.calls = calls;
        this.clock = clock;
    }

    @EventListener
    void onLeaving(VolunteerLeaving leaving) {
        int left = 0;
        for (long activity : enrollments.upcomingActivities(leaving.volunteerId(), clock.instant())) {
            if (enrolments.leave(leaving.userId(), activity).outcome() == Enrolments.Outcome.LEFT) {
                left++;
            }
        }
        if (left > 0) {
            log.info("volunteer {} left {} coming shifts before erasure", leaving.volunteerId(), left);
        }
    }

    /** Inside the erasure's transaction. */
    @EventListener
    void onForgotten(VolunteerForgotten forgotten) {
        calls.forgetUser(forgotten.userId());
    }
}
