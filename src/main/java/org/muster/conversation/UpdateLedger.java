package org.muster.conversation;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Remembers which update ids were handled, in Redis so that all instances agree. An update is first
 * claimed by one instance for a short time, then marked done for longer than Telegram keeps
 * updates. A claim left by a crashed instance runs out, so a replayed update is handled then
 * rather than lost.
 */
@Component
class UpdateLedger {

    enum Claim { MINE, DONE_ALREADY, HELD_ELSEWHERE }

    private static final String DONE = "done";

    private final UnifiedJedis redis;
    private final OrganisationProperties.Dispatch settings;
    private final String instance = "claimed-by-" + UUID.randomUUID();

    UpdateLedger(UnifiedJedis redis, OrganisationProperties organisation) {
        this.redis = redis;
        this.settings = organisation.dispatch();
    }

    Claim claim(long updateId) {
        String key = key(updateId);
        String set = redis.set(key, instance, SetParams.setParams().nx().px(settings.claimTimeout().toMillis()));
        if ("OK".equals(set)) {
            return Claim.MINE;
        }
        String holder = redis.get(key);
        if (DONE.equals(holder)) {
            return Claim.DONE_ALREADY;
        }
        return instance.equals(holder) ? Claim.MINE : Claim.HELD_ELSEWHERE;
    }

    /** Gives a claim back at once: the update was not handled and may be tried again right away. */
    void release(long updateId) {
        String key = key(updateId);
        if (instance.equals(redis.get(key))) {
            redis.del(key);
        }
    }

    void done(long updateId) {
        redis.set(key(updateId), DONE, SetParams.setParams().px(settings.doneMarker().toMillis()));
    }

    Duration claimTimeout() {
        return settings.claimTimeout();
    }

    static String key(long updateId) {
        return "muster:update:" + updateId;
    }
}
