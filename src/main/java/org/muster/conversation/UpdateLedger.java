package org.muster.conversation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.muster.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Remembers which update ids were handled, in Redis so that all instances agree. An update is first
 * claimed by one instance for a short time ({@code muster.dispatch.claim-timeout}), then marked done;
 * a claim left by a crashed instance runs out, so a replayed update is handled then rather than lost.
 *
 * <p><b>One round trip each.</b> {@link #claim(long, long, long)} is one Lua script ({@code EVALSHA})
 * that looks up the done mark, takes the claim and, for an update it gives to this instance, returns
 * the sender's conversation in that chat (its stored value, and whether only its idle marker is left),
 * so that the update's flow step reads no more from Redis, and the sender's kept facts
 * ({@link FactsCache}), so that it reads nothing from PostgreSQL either. {@link #done} is one script too:
 * the done mark set, the claim dropped, and facts read for this update kept, together. A stateless update therefore costs Redis two commands here
 * (the pacer's send is the third), a flow step three (its compare-and-set save is the other).
 *
 * <p><b>Memory that does not grow with traffic beyond a bounded window.</b> Done marks are bits in
 * bitmaps: update id {@code n} is bit {@code n & 0xFFFF} of the key
 * {@code muster:update:done:<n >> 16>}, a string of at most 8 KiB for 65,536 consecutive ids. Each
 * mark sets {@code PEXPIRE} of its block to {@code muster.dispatch.done-marker} (26 h), so a block
 * lives that long after its last mark and what is kept is the last 26 h of update ids: 1/8 B per
 * update plus the block's overhead, a full block being 10,288 B of {@code MEMORY USAGE} for 65,536 ids
 * (the 8 KiB string in a 10 KiB allocation, and its key), about 0.16 B per update at any sustained
 * rate; a bot that handles few updates pays at most that per block. At 700 updates/s that is about
 * 10 MB (the earlier key per update, about 140 B each, came to about 9 GB). A claim is
 * its own short-lived key ({@code muster:update:<n>}), which lives only while the update is being
 * handled: the done mark deletes it, a release deletes it, a crash leaves it to run out.
 *
 * <p><b>Why an id whose block has expired may be taken as new.</b> Telegram sends an update again only
 * while it is unconfirmed (a webhook call that was not answered 200, a {@code getUpdates} offset that
 * was not moved past it), and keeps an update at most 24 hours after it arrived; ids rise, so an
 * update marked done lives in a block whose expiry was set at or after its mark, 26 h or more after
 * Telegram received it. By the time its block is gone, Telegram can no longer deliver it. Within the
 * window, ids are looked up one by one, in whatever order they arrive: webhook deliveries to several
 * instances are not ordered, and a mark for a later id says nothing about an earlier one. The ledger
 * keeps no high-water mark below which every id would count as done: Telegram picks the next id at
 * random after a week without updates, and several bots or sandboxes sharing one Redis hand out ids
 * from ranges of their own; either would make a high-water mark wrongly swallow new updates.
 *
 * <p>The scripts name every key they touch. The claim's mix the bot-wide done bitmap of a block of
 * ids with the sender's conversation and facts, so under Redis Cluster they are in one slot only
 * because all of Muster's keys are ({@link RedisKeys}: {@code {muster}:update:…}).
 */
@Component
class UpdateLedger {

    enum Claim { MINE, DONE_ALREADY, HELD_ELSEWHERE }

    /**
     * What {@link #claim(long, long, long)} found; the rest only when the claim is {@link Claim#MINE}:
     * the conversation, the sender's kept facts ({@link FactsCache}; null when none are kept or they
     * are out of date) and the epochs they must carry when kept anew (null when the cache is off).
     */
    record Claimed(Claim claim, String conversation, boolean idleMarker, String facts, String factsStamp, List<String> unsent) {

        Claimed(Claim claim, String conversation, boolean idleMarker, String facts, String factsStamp) {
            this(claim, conversation, idleMarker, facts, factsStamp, List.of());
        }
    }

    /** Facts read from PostgreSQL for this update, to be kept with the done mark. */
    record FactsToKeep(long userId, String stamp, String facts) {
    }

    static final int BLOCK_BITS = 16;

    /** The value that done markers of the ledger's earlier shape held, one key per update: still honoured. */
    private static final String LEGACY_DONE = "done";

    /**
     * KEYS: done block, claim, conversation, idle marker, kept facts, the user's facts epoch, everyone's,
     * the update's unsent replies ({@link UnsentReplies}).
     * ARGV: bit, instance, claim timeout (ms), 1 when facts are kept.
     * Answers {0, conversation or nil, 1 if only the idle marker is there, facts or nil, epochs or nil},
     * {1} done, {2} held elsewhere, {3, {field, reply, …}} done by an instance that did not send these
     * replies. They stay kept: the instance they are handed to removes each once it left, and one that
     * stops or dies before that leaves the rest to the next (Telegram delivers a chat's update to one
     * instance at a time, and again only once that one answered otherwise than 200, or never).
     */
    private static final RedisScript CLAIM = new RedisScript("""
            if redis.call('GETBIT', KEYS[1], ARGV[1]) == 1 then
              local unsent = redis.call('HGETALL', KEYS[8])
              if #unsent > 0 then
                return {3, unsent}
              end
              return {1}
            end
            if not redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
              local holder = redis.call('GET', KEYS[2])
              if holder == 'done' then return {1} end
              if holder ~= ARGV[2] then return {2} end
              -- this instance's own claim, taken again: it runs for the whole timeout from now
              redis.call('PEXPIRE', KEYS[2], ARGV[3])
            end
            local conversation = redis.call('GET', KEYS[3])
            local idle = 0
            if not conversation and redis.call('EXISTS', KEYS[4]) == 1 then idle = 1 end
            local facts = false
            local stamp = false
            if ARGV[4] == '1' then
              stamp = (redis.call('GET', KEYS[6]) or '0') .. '.' .. (redis.call('GET', KEYS[7]) or '0')
              local kept = redis.call('GET', KEYS[5])
              if kept then
                local bar = string.find(kept, '|', 1, true)
                if bar and string.sub(kept, 1, bar - 1) == stamp then facts = string.sub(kept, bar + 1) end
              end
            end
            return {0, conversation, idle, facts, stamp}
            """);

    /**
     * KEYS: done block, claim, unsent replies[, kept facts, the user's facts epoch, everyone's]. ARGV: bit,
     * done-mark lifetime (ms), unsent replies' lifetime (ms), their number n, n pairs of field and reply[, the epochs
     * the claim saw, the facts, their lifetime (ms)]. Facts are kept only while the epochs are still
     * those the claim saw: read before a change, they are not written at all.
     */
    private static final RedisScript DONE = new RedisScript("""
            redis.call('SETBIT', KEYS[1], ARGV[1], 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('DEL', KEYS[2])
            local n = tonumber(ARGV[4])
            if n > 0 then
              for i = 1, n do redis.call('HSET', KEYS[3], ARGV[3 + 2 * i], ARGV[4 + 2 * i]) end
              redis.call('PEXPIRE', KEYS[3], ARGV[3])
            end
            if KEYS[4] then
              local a = 4 + 2 * n
              local stamp = (redis.call('GET', KEYS[5]) or '0') .. '.' .. (redis.call('GET', KEYS[6]) or '0')
              if stamp == ARGV[a + 1] then redis.call('SET', KEYS[4], ARGV[a + 1] .. '|' .. ARGV[a + 2], 'PX', ARGV[a + 3]) end
            end
            return 1
            """);

    /** KEYS: claim. ARGV: instance. */
    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final UnifiedJedis redis;
    private final OrganisationProperties.Dispatch settings;
    private final String instance = "claimed-by-" + UUID.randomUUID();
    private final String claimMillis;
    private final String doneMillis;
    private final String unsentMillis;

    private final FactsCache facts;
    private final RedisKeys keys;

    @Autowired
    UpdateLedger(UnifiedJedis redis, OrganisationProperties organisation, FactsCache facts, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.facts = facts;
        this.settings = organisation.dispatch();
        this.claimMillis = Long.toString(Math.max(1, settings.claimTimeout().toMillis()));
        this.doneMillis = Long.toString(Math.max(1, settings.doneMarker().toMillis()));
        this.unsentMillis = Long.toString(Math.max(1, settings.unsentReplies().toMillis()));
    }

    /** With the keys of one server or Sentinel ({@link RedisKeys#STANDALONE}): for tests. */
    UpdateLedger(UnifiedJedis redis, OrganisationProperties organisation, FactsCache facts) {
        this(redis, organisation, facts, RedisKeys.STANDALONE);
    }

    /**
     * Claims the update for this instance (again, if it holds it already) and, when it is
     * {@link Claim#MINE}, reads the conversation of {@code userId} in {@code chatId} in the same round trip.
     */
    Claimed claim(long updateId, long chatId, long userId) {
        Object answer = CLAIM.run(redis, List.of(blockKey(updateId), key(updateId), ConversationStore.key(keys, chatId, userId),
                ConversationStore.idleMarker(keys, chatId, userId), facts.key(userId), facts.epochKey(userId),
                facts.everyoneEpochKey(), UnsentReplies.key(keys, updateId)),
                List.of(bit(updateId), instance, claimMillis, facts.enabled() ? "1" : "0"));
        List<?> reply = (List<?>) answer;
        long code = (Long) reply.get(0);
        if (code == 3) {
            List<String> unsent = ((List<?>) reply.get(1)).stream().map(String::valueOf).toList();
            return new Claimed(Claim.DONE_ALREADY, null, false, null, null, unsent);
        }
        if (code == 1) {
            return new Claimed(Claim.DONE_ALREADY, null, false, null, null);
        }
        if (code == 2) {
            return new Claimed(Claim.HELD_ELSEWHERE, null, false, null, null);
        }
        boolean idle = reply.size() > 2 && Long.valueOf(1).equals(reply.get(2));
        return new Claimed(Claim.MINE, text(reply, 1), idle, text(reply, 3), text(reply, 4));
    }

    /** The claim alone, as {@link #claim(long, long, long)} makes it. */
    Claim claim(long updateId) {
        return claim(updateId, 0, 0).claim();
    }

    /** Gives a claim back at once: the update was not handled and may be tried again right away. */
    void release(long updateId) {
        RELEASE.run(redis, List.of(key(updateId)), List.of(instance));
    }

    void done(long updateId) {
        done(updateId, null);
    }

    void done(long updateId, FactsToKeep keep) {
        done(updateId, keep, List.of());
    }

    /**
     * Marks the update done and, in the same round trip, keeps the facts read for it (when given) and
     * the replies it is about to send ({@link UnsentReplies}: field, encoded reply, field, encoded reply …).
     */
    void done(long updateId, FactsToKeep keep, List<String> unsent) {
        if (unsent.size() % 2 != 0) {
            throw new IllegalArgumentException("unsent replies come as pairs of field and reply");
        }
        List<String> keyList = new java.util.ArrayList<>(6);
        keyList.add(blockKey(updateId));
        keyList.add(key(updateId));
        keyList.add(UnsentReplies.key(keys, updateId));
        List<String> args = new java.util.ArrayList<>(7 + unsent.size());
        args.add(bit(updateId));
        args.add(doneMillis);
        args.add(unsentMillis);
        args.add(Integer.toString(unsent.size() / 2));
        args.addAll(unsent);
        if (keep != null && facts.enabled()) {
            keyList.add(facts.key(keep.userId()));
            keyList.add(facts.epochKey(keep.userId()));
            keyList.add(facts.everyoneEpochKey());
            args.add(keep.stamp());
            args.add(keep.facts());
            args.add(facts.lifetimeMillis());
        }
        DONE.run(redis, keyList, args);
    }

    private static String text(List<?> reply, int index) {
        Object value = reply.size() > index ? reply.get(index) : null;
        return value == null ? null : value.toString();
    }

    Duration claimTimeout() {
        return settings.claimTimeout();
    }

    /** The claim of one update while it is being handled. */
    static String key(RedisKeys keys, long updateId) {
        return keys.prefix() + "update:" + updateId;
    }

    /** The bitmap of done marks of the 65,536 ids around {@code updateId}. */
    static String blockKey(RedisKeys keys, long updateId) {
        return keys.prefix() + "update:done:" + (updateId >>> BLOCK_BITS);
    }

    private String key(long updateId) {
        return key(keys, updateId);
    }

    private String blockKey(long updateId) {
        return blockKey(keys, updateId);
    }

    private static String bit(long updateId) {
        return Long.toString(updateId & ((1L << BLOCK_BITS) - 1));
    }
}
