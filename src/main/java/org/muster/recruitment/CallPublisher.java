package org.muster.recruitment;

import java.util.Locale;

import org.springframework.stereotype.Component;

/** Creates and publishes calls for code that is not the /recruit conversation (the sandbox's demo scene). */
@Component
public class CallPublisher {

    private final RecruitEffects effects;

    CallPublisher(RecruitEffects effects) {
        this.effects = effects;
    }

    /** An open call that nobody has been told of yet; returns its id. */
    public long create(NewCall call, long createdBy) {
        return effects.create(call.draft(), createdBy);
    }

    /** Creates the call and sends it to the groups subscribed to its area; returns its id. */
    public long publish(NewCall call, long createdBy, Locale locale) {
        long id = create(call, createdBy);
        effects.publish(id, call.draft(), createdBy, locale, null);
        return id;
    }
}
