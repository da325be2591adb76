package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.redis.RedisKeys;
import org.muster.support.Fixtures;
import org.muster.support.RecordingRedis;
import redis.clients.jedis.util.JedisClusterHashTag;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claim behind the cluster key names ({@link RedisKeys#CLUSTER}): every key list a script of the
 * ledger, the facts cache or the conversation store is called with lies in one Redis Cluster slot, the
 * same for all, and the scans' patterns carry that slot's hash tag, so JedisCluster sends them there.
 * With today's names ({@link RedisKeys#STANDALONE}) they would not: the proof that the test can fail.
 */
class OneSlotTest {

    private static RecordingRedis redis;

    @BeforeAll
    static void connect() {
        redis = new RecordingRedis(TestServers.redisUrl());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static void exercise(RedisKeys keys) {
        OrganisationProperties cached = new OrganisationProperties(Fixtures.organisation().timeZone(), "zh",
                Fixtures.organisation().conversation(),
                new OrganisationProperties.Dispatch(4, Duration.ofSeconds(2), Duration.ofHours(26), Duration.ofSeconds(5), 2000, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(45)));
        FactsCache facts = new FactsCache(redis, cached, "jdbc:slots:" + ThreadLocalRandom.current().nextLong(), keys);
        UpdateLedger ledger = new UpdateLedger(redis, cached, facts, keys);
        ConversationStore store = new ConversationStore(redis, JsonMapper.builder().build(), keys);
        long user = ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40);
        long group = -user;
        long update = ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40);

        UpdateLedger.Claimed claimed = ledger.claim(update, user, user);
        ledger.done(update, new UpdateLedger.FactsToKeep(user, claimed.factsStamp(), "VOLUNTEER;zh;"));
        ledger.claim(update + 70_000, group, user);
        ledger.release(update + 70_000);
        ledger.done(update + 1);
        facts.changed(new SenderFactsChanged(user));
        facts.changed(SenderFactsChanged.everyone());
        facts.changed(SenderFactsChanged.forgotten(user));
        store.compareAndSet(user, user, 0, new StoredConversation("count", "ask", 1, 1, 0, null, java.time.Instant.now().plusSeconds(60)),
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        store.remove(user, user, 1);
        store.removeAllOf(user);
        store.removeAllIn(group);
    }

    @Test
    void underClusterNamesEveryScriptsKeysAndEveryScanLieInMustersOneSlot() {
        redis.scriptKeys.clear();
        redis.scanPatterns.clear();
        exercise(RedisKeys.CLUSTER);

        int slot = RecordingRedis.slot("muster");
        assertThat(redis.scriptKeys).as("scripts run").hasSizeGreaterThanOrEqualTo(9);
        for (List<String> keys : redis.scriptKeys) {
            assertThat(keys).as("%s", keys).allSatisfy(key -> assertThat(RecordingRedis.slot(key)).as(key).isEqualTo(slot));
        }
        assertThat(redis.scriptKeys).as("the claim names eight keys: done block, claim, conversation, idle marker, facts, two epochs, "
                + "unsent replies").anySatisfy(keys -> assertThat(keys).hasSize(8));
        assertThat(redis.scanPatterns).hasSize(2).allSatisfy(pattern -> {
            assertThat(JedisClusterHashTag.isClusterCompliantMatchPattern(pattern)).as(pattern).isTrue();
            assertThat(RecordingRedis.slot(pattern)).as(pattern).isEqualTo(slot);
        });
    }

    @Test
    void todaysNamesWouldSpreadTheClaimsKeysOverSeveralSlots() {
        redis.scriptKeys.clear();
        redis.scanPatterns.clear();
        exercise(RedisKeys.STANDALONE);

        assertThat(redis.scriptKeys).anySatisfy(keys ->
                assertThat(keys.stream().map(RecordingRedis::slot).distinct().count()).isGreaterThan(1));
    }
}
