package org.muster.recruitment;

import java.util.ArrayList;
import java.util.List;

import org.muster.conversation.DeepLinkHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.TurnFollowUps;
import org.muster.conversation.Txt;
import org.muster.volunteer.VolunteerRegistered;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code /start call_<id>}: where "I'll go" sends someone who has not signed up. They sign up,
 * and are enrolled on the call when sign-up completes.
 */
@Component
class CallDeepLink implements DeepLinkHandler {

    static final String PREFIX = "call_";

    private final Enrolments enrolments;
    private final Volunteers volunteers;
    private final CallRepository calls;
    private final TurnFollowUps sender;

    CallDeepLink(Enrolments enrolments, Volunteers volunteers, CallRepository calls, TurnFollowUps sender) {
        this.enrolments = enrolments;
        this.volunteers = volunteers;
        this.calls = calls;
        this.sender = sender;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public List<Outbound> handle(Turn turn, String payload) {
        long activity;
        try {
            activity = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return List.of(turn.reply(Txt.of("error.button_expired")));
        }
        var call = calls.byId(activity);
        if (call.isEmpty()) {
            return List.of(turn.reply(Txt.of("error.button_expired")));
        }
        if (!volunteers.isVolunteer(turn.userId())) {
            List<Outbound> out = new ArrayList<>();
            var closed = enrolments.closedFor(call.get());
            if (closed.isPresent()) {
                // say so now, not after the whole sign-up: joining the volunteers is still welcome
                out.add(turn.reply(Txt.of("enrol.signup_call_" + closed.get().name().toLowerCase(java.util.Locale.ROOT),
                        Txt.literal(call.get().title()))));
                out.addAll(volunteers.startSignup(turn, ""));
                return out;
            }
            out.add(turn.reply(Txt.of("enrol.signup_first", Txt.literal(call.get().title()))));
            out.addAll(volunteers.startSignup(turn, PREFIX + activity));
            return out;
        }
        return List.of(reply(turn.userId(), enrolments.enrol(turn.userId(), activity, turn.inbound().updateId()), turn.locale()));
    }

    private Outbound reply(long userId, Enrolments.Result result, java.util.Locale locale) {
        return switch (result.outcome()) {
            case CONFIRMED, WAITLISTED, ALREADY_CONFIRMED, ALREADY_WAITLISTED -> enrolments.confirmation(userId, result, locale);
            default -> new Outbound.Send(userId, Txt.of("enrol.not_now_" + result.outcome().name().toLowerCase(java.util.Locale.ROOT)),
                    null, null, locale);
        };
    }

    /** Sign-up done: the enrolment it interrupted. */
    @TransactionalEventListener
    // outside the committed transaction: whatever this writes commits before it sends (Spring would
    // otherwise let it join the finished transaction, committed only when that is cleaned up)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onSignedUp(VolunteerRegistered event) {
        if (!event.then().startsWith(PREFIX)) {
            return;
        }
        try {
            long activity = Long.parseLong(event.then().substring(PREFIX.length()));
            sender.send(reply(event.userId(), enrolments.enrol(event.userId(), activity), event.locale()));
        } catch (NumberFormatException e) {
            // a payload we did not write: nothing to finish
        }
    }
}
