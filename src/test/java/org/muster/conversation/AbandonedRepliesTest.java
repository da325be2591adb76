package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.redis.RedisKeys;
import redis.clients.jedis.JedisPooled;

/**
 * The set of abandoned updates in real Redis, as two instances use it: one takes an update and no
 * other gets it while the lease runs (renewed), the next gets it once the lease ran out (its taker
 * died), and crossed off it is gone; the replies still kept come back in their order.
 */
class AbandonedRepliesTest {

    private static JedisPooled redis;
    private static final String SET = "muster:update:unsent:abandoned";

    @BeforeAll
    static void connect() {
        // a database of its own: the set is the bot's, and other classes' instances sweep it in the shared one
        redis = new JedisPooled(URI.create(TestServers.redisUrl().replaceFirst("/\\d*$", "") + "/9"));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.del(SET);
    }

    @Test
    void oneInstanceAtATimeSendsAnAbandonedUpdateAndTheNextTakesItOverWhenItsLeaseRunsOut() throws Exception {
        UnsentReplies first = new UnsentReplies(redis, RedisKeys.STANDALONE);
        UnsentReplies second = new UnsentReplies(redis, RedisKeys.STANDALONE);
        try {
            UnsentReplies.Abandoned update = new UnsentReplies.Abandoned(880_000_123L, -100_777L, false);
            assertThat(second.claimAbandoned(Duration.ofSeconds(30))).as("nothing abandoned yet").isEmpty();
            first.abandon(update);

            // a lease of 1.5 s, renewed after 1 s for 3 s more: at 2 s it holds (not renewed, it would have run out at 1.5 s)
            assertThat(first.claimAbandoned(Duration.ofMillis(1500))).contains(update);
            assertThat(second.claimAbandoned(Duration.ofSeconds(30))).as("taken by the first").isEmpty();
            Thread.sleep(1000);
            first.renew(List.of(update), Duration.ofMillis(3000));
            Thread.sleep(1000);
            assertThat(second.claimAbandoned(Duration.ofSeconds(30))).as("renewed, still the first's").isEmpty();

            // the first stops renewing (it died): the second takes it once the lease ran out
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<UnsentReplies.Abandoned> taken = Optional.empty();
            while (taken.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                taken = second.claimAbandoned(Duration.ofSeconds(30));
            }
            assertThat(taken).contains(update);

            second.finished(update);
            assertThat(redis.zcard(SET)).isZero();
        } finally {
            first.destroy();
            second.destroy();
        }
    }

    @Test
    void whatIsNotAnAbandonedUpdateIsDroppedAndTheRepliesKeptComeBackInOrder() {
        UnsentReplies unsent = new UnsentReplies(redis, RedisKeys.STANDALONE);
        try {
            // due before the update (both score 0: Redis orders them by name, "0…" first)
            redis.zadd(SET, 0, "0-not-an-update");
            UnsentReplies.Abandoned update = new UnsentReplies.Abandoned(880_000_124L, 42L, true);
            unsent.abandon(update);
            assertThat(unsent.claimAbandoned(Duration.ofSeconds(30))).contains(update);
            assertThat(redis.zscore(SET, "0-not-an-update")).as("dropped on the way").isNull();

            List<Outbound> replies = UnsentRepliesTest.everyKind().subList(0, 3);
            String key = unsent.key(update.updateId());
            redis.del(key);
            // kept as the done mark keeps them; the first already sent and removed
            redis.hset(key, "2", UnsentReplies.encode(replies.get(2)).orElseThrow());
            redis.hset(key, "1", UnsentReplies.encode(replies.get(1)).orElseThrow());
            assertThat(unsent.kept(update.updateId())).extracting(UnsentReplies.Kept::index).containsExactly(1, 2);
            assertThat(unsent.kept(update.updateId()).get(0).reply()).isEqualTo(replies.get(1));
            redis.del(key);
            assertThat(unsent.kept(update.updateId())).isEmpty();
        } finally {
            unsent.destroy();
        }
    }
}
