package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.support.Fixtures;
import redis.clients.jedis.JedisPooled;

/** The de-duplication ledger against real Redis, as two instances would share it. */
class UpdateLedgerTest {

    private static JedisPooled redis;

    @BeforeAll
    static void connect() {
        redis = new JedisPooled(URI.create(TestServers.redisUrl()));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void anUpdateIsClaimedByOneInstanceAndThenKnownAsDone() {
        UpdateLedger one = new UpdateLedger(redis, Fixtures.organisation());
        UpdateLedger two = new UpdateLedger(redis, Fixtures.organisation());
        long update = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
        assertThat(two.claim(update)).isEqualTo(UpdateLedger.Claim.HELD_ELSEWHERE);
        one.done(update);

        assertThat(two.claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
        assertThat(redis.pttl(UpdateLedger.key(update))).isGreaterThan(Duration.ofHours(25).toMillis());
    }

    @Test
    void aClaimLeftByACrashedInstanceRunsOutSoTheReplayIsHandled() throws InterruptedException {
        UpdateLedger crashed = new UpdateLedger(redis, Fixtures.organisation());
        UpdateLedger restarted = new UpdateLedger(redis, Fixtures.organisation());
        long update = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

        crashed.claim(update);
        assertThat(restarted.claim(update)).isEqualTo(UpdateLedger.Claim.HELD_ELSEWHERE);
        Thread.sleep(Fixtures.organisation().dispatch().claimTimeout().toMillis() + 100);

        assertThat(restarted.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
    }
}
