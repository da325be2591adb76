package org.muster.conversation;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.muster.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import redis.clients.jedis.UnifiedJedis;

/**
 * A sender's {@link SenderFacts.Facts}, kept in Redis for {@code muster.dispatch.sender-facts} after
 * they were read from PostgreSQL, so that a stateless update from someone who wrote a moment ago reads
 * nothing from PostgreSQL. The update ledger's claim script reads the kept facts in the round trip it
 * makes anyway, and its done script keeps newly read ones: the cache costs no round trip of its own.
 *
 * <p><b>Invalidated on change, on every instance.</b> Each user has an epoch
 * ({@code muster:facts:epoch:<user>}), and there is one for everyone ({@code muster:facts:epoch});
 * kept facts carry the two epochs the claim saw before PostgreSQL was read, and count only while both
 * are unchanged. A {@link SenderFactsChanged} committed raises the epoch: a read that began before
 * the commit is kept with the old epochs and so is never used. What is changed by hand in the
 * database, bypassing Muster, counts after at most the cache's lifetime (5 s by default).
 *
 * <p>The keys name the database the facts were read from ({@code muster:facts:<database>:...}, a
 * hash of {@code spring.datasource.url}), so deployments or test contexts that share one Redis but
 * not one database never see each other's facts.
 *
 * <p>Effects do not use these facts: they ask {@link RolesNow} inside their transaction.
 */
@Component
class FactsCache {

    private static final Logger log = LoggerFactory.getLogger(FactsCache.class);

    /** Longer than any kept facts live, so an epoch that ran out cannot come round to a kept one's again. */
    private static final Duration EPOCH_LIFETIME = Duration.ofDays(2);

    /** KEYS: epoch. ARGV: lifetime (ms). */
    private static final RedisScript RAISE = new RedisScript("""
            local epoch = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return epoch
            """);

    /**
     * KEYS: kept facts, the user's epoch, everyone's epoch. ARGV: lifetime of everyone's epoch (ms).
     * Nothing left that names the user; everyone's epoch raised, so that facts read before and kept
     * after this (with the user's epoch at 0 again) are never used.
     */
    private static final RedisScript FORGET = new RedisScript("""
            redis.call('DEL', KEYS[1], KEYS[2])
            redis.call('INCR', KEYS[3])
            redis.call('PEXPIRE', KEYS[3], ARGV[1])
            return 1
            """);

    private final UnifiedJedis redis;
    private final Duration lifetime;
    private final OutageLog outage = new OutageLog(log, "Redis (sender facts invalidation)");

    private final String prefix;

    @Autowired
    FactsCache(UnifiedJedis redis, OrganisationProperties organisation,
               @org.springframework.beans.factory.annotation.Value("${spring.datasource.url:}") String database, RedisKeys keys) {
        this.redis = redis;
        this.lifetime = organisation.dispatch().senderFacts();
        this.prefix = keys.prefix() + "facts:" + Integer.toHexString(database.hashCode()) + ":";
    }

    /** With the keys of one server or Sentinel ({@link RedisKeys#STANDALONE}): for tests. */
    FactsCache(UnifiedJedis redis, OrganisationProperties organisation, String database) {
        this(redis, organisation, database, RedisKeys.STANDALONE);
    }

    boolean enabled() {
        return !lifetime.isZero() && !lifetime.isNegative();
    }

    String lifetimeMillis() {
        return Long.toString(Math.max(1, lifetime.toMillis()));
    }

    String key(long userId) {
        return prefix + userId;
    }

    String epochKey(long userId) {
        return prefix + "epoch:" + userId;
    }

    String everyoneEpochKey() {
        return prefix + "epoch";
    }

    /**
     * After the change is committed (at once when there was no transaction). A plain listener that
     * defers itself, not a transactional one: those the event publication registry records in
     * PostgreSQL, three statements for each change.
     */
    @EventListener
    void changed(SenderFactsChanged change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    raise(change);
                }
            });
            return;
        }
        raise(change);
    }

    private void raise(SenderFactsChanged change) {
        try {
            if (change.forgotten()) {
                FORGET.run(redis, List.of(key(change.userId()), epochKey(change.userId()), everyoneEpochKey()),
                        List.of(Long.toString(EPOCH_LIFETIME.toMillis())));
            } else if (enabled()) {
                // with the cache off nothing is kept, so there is nothing to make old
                RAISE.run(redis, List.of(change.isEveryone() ? everyoneEpochKey() : epochKey(change.userId())),
                        List.of(Long.toString(EPOCH_LIFETIME.toMillis())));
            }
            outage.over();
        } catch (RuntimeException e) {
            // the kept facts run out by themselves within the cache's lifetime
            outage.down(e);
        }
    }

    /** {@code COORDINATOR,VOLUNTEER;zh;en}: roles, chosen language, app language (empty for none). */
    static String encode(SenderFacts.Facts facts) {
        StringBuilder out = new StringBuilder(32);
        for (Role role : facts.roles()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(role.name());
        }
        return out.append(';').append(facts.chosenLanguage().orElse("")).append(';').append(facts.appLanguage().orElse(""))
                .toString();
    }

    /** Empty when the text is not what {@link #encode} writes (a value of an older shape, say). */
    static Optional<SenderFacts.Facts> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(";", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        try {
            for (String role : parts[0].split(",")) {
                if (!role.isEmpty()) {
                    roles.add(Role.valueOf(role));
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new SenderFacts.Facts(roles, Optional.of(parts[1]).filter(s -> !s.isEmpty()),
                Optional.of(parts[2]).filter(s -> !s.isEmpty())));
    }
}
