package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.redis.RedisKeys;
import org.muster.support.Fixtures;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

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

    /** An update id in a block of its own, so that no other test's marks are near it. */
    private static long freshId() {
        long block = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
        return (block << UpdateLedger.BLOCK_BITS) + ThreadLocalRandom.current().nextLong(0, 1L << UpdateLedger.BLOCK_BITS);
    }

    @Test
    void anUpdateIsClaimedByOneInstanceAndThenKnownAsDone() {
        UpdateLedger one = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        UpdateLedger two = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        long update = freshId();

        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
        assertThat(one.claim(update)).as("asked again by its holder").isEqualTo(UpdateLedger.Claim.MINE);
        assertThat(two.claim(update)).isEqualTo(UpdateLedger.Claim.HELD_ELSEWHERE);
        one.done(update);

        assertThat(two.claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
        // no key per update is left: the claim went with the done mark, which is a bit in its block
        assertThat(redis.exists(UpdateLedger.key(RedisKeys.STANDALONE, update))).isFalse();
        assertThat(redis.getbit(UpdateLedger.blockKey(RedisKeys.STANDALONE, update), update & 0xFFFF)).isTrue();
        assertThat(redis.pttl(UpdateLedger.blockKey(RedisKeys.STANDALONE, update))).isGreaterThan(Duration.ofHours(25).toMillis());
        assertThat(redis.strlen(UpdateLedger.blockKey(RedisKeys.STANDALONE, update))).isLessThanOrEqualTo(8192);
    }

    /** What an instance killed before sending left: the next instance to get the update is handed the replies, once. */
    @Test
    void repliesKeptWithTheDoneMarkAreHandedOverUntilEachLeftAndThoseSentAreNot() throws Exception {
        UpdateLedger one = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        UpdateLedger two = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        UnsentReplies unsent = new UnsentReplies(redis, RedisKeys.STANDALONE);
        long update = freshId();
        long sent = freshId();
        List<Outbound> replies = UnsentRepliesTest.everyKind().subList(0, 3);
        List<String> fields = new java.util.ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            fields.add(Integer.toString(i));
            fields.add(UnsentReplies.encode(replies.get(i)).orElseThrow());
        }
        try {
            assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
            one.done(update, null, fields);
            assertThat(one.claim(sent)).isEqualTo(UpdateLedger.Claim.MINE);
            one.done(sent, null, fields);
            // the first reply left before the instance died; of the other update, all did
            unsent.left(update, 0);
            for (int i = 0; i < replies.size(); i++) {
                unsent.left(sent, i);
            }
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((redis.hexists(UnsentReplies.key(RedisKeys.STANDALONE, update), "0")
                    || redis.exists(UnsentReplies.key(RedisKeys.STANDALONE, sent))) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(redis.pttl(UnsentReplies.key(RedisKeys.STANDALONE, update))).isBetween(1L, Duration.ofMinutes(10).toMillis());

            UpdateLedger.Claimed again = two.claim(update, 1, 1);
            assertThat(again.claim()).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
            assertThat(UnsentReplies.decodeAll(again.unsent()).stream().map(UnsentReplies.Kept::reply).toList()).containsExactlyElementsOf(replies.subList(1, 3));
            assertThat(UnsentReplies.decodeAll(two.claim(update, 1, 1).unsent())).as("kept until each left").hasSize(2);
            unsent.left(update, 1).get(10, java.util.concurrent.TimeUnit.SECONDS);
            unsent.left(update, 2).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(two.claim(update, 1, 1).unsent()).as("all left at the instance they were handed to").isEmpty();
            assertThat(two.claim(sent, 1, 1)).satisfies(claimed -> {
                assertThat(claimed.claim()).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
                assertThat(claimed.unsent()).as("all sent before").isEmpty();
            });
        } finally {
            unsent.destroy();
        }
    }

    @Test
    void aClaimTakenAgainByItsHolderRunsTheWholeTimeoutFromThen() {
        UpdateLedger one = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        long update = freshId();
        long timeout = Fixtures.organisation().dispatch().claimTimeout().toMillis();

        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
        // as if most of the claim had run out while a release failed and the update came again
        redis.pexpire(UpdateLedger.key(RedisKeys.STANDALONE, update), timeout / 4);
        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);

        assertThat(redis.pttl(UpdateLedger.key(RedisKeys.STANDALONE, update))).isGreaterThan(timeout / 2);
    }

    @Test
    void aClaimLeftByACrashedInstanceRunsOutSoTheReplayIsHandled() throws InterruptedException {
        UpdateLedger crashed = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        UpdateLedger restarted = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        long update = freshId();

        crashed.claim(update);
        assertThat(restarted.claim(update)).isEqualTo(UpdateLedger.Claim.HELD_ELSEWHERE);
        Thread.sleep(Fixtures.organisation().dispatch().claimTimeout().toMillis() + 100);

        assertThat(restarted.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
    }

    @Test
    void aReleasedClaimIsFreeAtOnceAndOnlyItsHolderCanReleaseIt() {
        UpdateLedger one = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        UpdateLedger two = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        long update = freshId();

        assertThat(one.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
        two.release(update);
        assertThat(two.claim(update)).as("not given back by someone who does not hold it").isEqualTo(UpdateLedger.Claim.HELD_ELSEWHERE);

        one.release(update);

        assertThat(redis.exists(UpdateLedger.key(RedisKeys.STANDALONE, update))).isFalse();
        assertThat(redis.getbit(UpdateLedger.blockKey(RedisKeys.STANDALONE, update), update & 0xFFFF)).as("released is not done").isFalse();
        assertThat(two.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
    }

    @Test
    void idsThatArriveOutOfOrderAreEachKnownByThemselvesAcrossBlocks() {
        UpdateLedger ledger = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        // the last ids of one block and the first of the next
        long first = (freshId() | 0xFFFF) - 3;
        long[] done = {first + 5, first + 1, first + 3, first};
        long[] open = {first + 2, first + 4, first + 6};

        for (long id : done) {
            assertThat(ledger.claim(id)).isEqualTo(UpdateLedger.Claim.MINE);
            ledger.done(id);
        }

        for (long id : done) {
            assertThat(ledger.claim(id)).as("update " + (id - first)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
        }
        for (long id : open) {
            assertThat(ledger.claim(id)).as("a later id's mark says nothing of update " + (id - first)).isEqualTo(UpdateLedger.Claim.MINE);
        }
        assertThat(UpdateLedger.blockKey(RedisKeys.STANDALONE, first)).isNotEqualTo(UpdateLedger.blockKey(RedisKeys.STANDALONE, first + 5));
    }

    @Test
    void anIdWhoseBlockOfMarksHasRunOutIsTakenAsNewAndMarksDoNotOutliveTheirWindow() throws InterruptedException {
        OrganisationProperties shortMemory = new OrganisationProperties(Fixtures.organisation().timeZone(), "zh",
                Fixtures.organisation().conversation(),
                new OrganisationProperties.Dispatch(4, Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(5), 2000, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(45)));
        UpdateLedger ledger = new UpdateLedger(redis, shortMemory, new FactsCache(redis, shortMemory, "test"));
        long update = freshId();
        ledger.claim(update);
        ledger.done(update);
        assertThat(ledger.claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);

        Thread.sleep(400);

        // past the window Telegram cannot send the update again: what is left is no key at all
        assertThat(redis.exists(UpdateLedger.blockKey(RedisKeys.STANDALONE, update))).isFalse();
        assertThat(ledger.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
    }

    @Test
    void aMarkerOfTheEarlierOneKeyPerUpdateShapeStillCountsAsDone() {
        long update = freshId();
        redis.set(UpdateLedger.key(RedisKeys.STANDALONE, update), "done", SetParams.setParams().px(60_000));

        assertThat(new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test")).claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
    }

    @Test
    void theClaimReadsTheSendersConversationInTheSameRoundTrip() {
        UpdateLedger ledger = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        long chat = -ThreadLocalRandom.current().nextLong(1, 1L << 40);
        long user = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        redis.set(ConversationStore.key(RedisKeys.STANDALONE, chat, user), "{\"flow\":\"signup\"}", SetParams.setParams().px(60_000));
        redis.set(ConversationStore.idleMarker(RedisKeys.STANDALONE, chat, user + 1), "signup", SetParams.setParams().px(60_000));

        UpdateLedger.Claimed withConversation = ledger.claim(freshId(), chat, user);
        UpdateLedger.Claimed onlyIdle = ledger.claim(freshId(), chat, user + 1);
        UpdateLedger.Claimed nothing = ledger.claim(freshId(), chat, user + 2);
        long taken = freshId();
        new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test")).claim(taken);
        UpdateLedger.Claimed held = ledger.claim(taken, chat, user);

        assertThat(withConversation).isEqualTo(new UpdateLedger.Claimed(UpdateLedger.Claim.MINE, "{\"flow\":\"signup\"}", false, null, null));
        assertThat(onlyIdle).isEqualTo(new UpdateLedger.Claimed(UpdateLedger.Claim.MINE, null, true, null, null));
        assertThat(nothing).isEqualTo(new UpdateLedger.Claimed(UpdateLedger.Claim.MINE, null, false, null, null));
        assertThat(held).isEqualTo(new UpdateLedger.Claimed(UpdateLedger.Claim.HELD_ELSEWHERE, null, false, null, null));
    }

    @Test
    void scriptsForgottenByTheServerAreLoadedAgain() {
        UpdateLedger ledger = new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test"));
        long update = freshId();
        long other = freshId();

        redis.scriptFlush();
        assertThat(ledger.claim(update)).isEqualTo(UpdateLedger.Claim.MINE);
        redis.scriptFlush();
        ledger.done(update);
        redis.scriptFlush();
        assertThat(ledger.claim(update)).isEqualTo(UpdateLedger.Claim.DONE_ALREADY);
        ledger.claim(other);
        redis.scriptFlush();
        ledger.release(other);

        assertThat(redis.exists(UpdateLedger.key(RedisKeys.STANDALONE, other))).isFalse();
        assertThat(new UpdateLedger(redis, Fixtures.organisation(), new FactsCache(redis, Fixtures.organisation(), "test")).claim(other)).isEqualTo(UpdateLedger.Claim.MINE);
    }

    /** Facts kept with a done mark are handed to the next claim, until a change raises the user's or everyone's epoch. */
    @Test
    void keptFactsComeWithTheClaimUntilAChangeIsCommitted() {
        OrganisationProperties cached = new OrganisationProperties(Fixtures.organisation().timeZone(), "zh",
                Fixtures.organisation().conversation(),
                new OrganisationProperties.Dispatch(4, Duration.ofSeconds(2), Duration.ofHours(26), Duration.ofSeconds(5), 2000, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(45)));
        FactsCache cache = new FactsCache(redis, cached, "jdbc:test:" + ThreadLocalRandom.current().nextLong());
        UpdateLedger ledger = new UpdateLedger(redis, cached, cache);
        long user = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        SenderFacts.Facts facts = new SenderFacts.Facts(java.util.EnumSet.of(Role.COORDINATOR, Role.VOLUNTEER), java.util.Optional.of("en"),
                java.util.Optional.empty());

        long first = freshId();
        UpdateLedger.Claimed nothingKept = ledger.claim(first, user, user);
        assertThat(nothingKept.facts()).isNull();
        ledger.done(first, new UpdateLedger.FactsToKeep(user, nothingKept.factsStamp(), FactsCache.encode(facts)));

        long second = freshId();
        UpdateLedger.Claimed kept = ledger.claim(second, user, user);
        assertThat(FactsCache.decode(kept.facts())).contains(facts);
        ledger.done(second);

        cache.changed(new SenderFactsChanged(user));
        long third = freshId();
        UpdateLedger.Claimed afterChange = ledger.claim(third, user, user);
        assertThat(afterChange.facts()).as("kept before the change").isNull();
        // a read that began before the change, kept after it, carries the old epochs: never used
        ledger.done(third, new UpdateLedger.FactsToKeep(user, kept.factsStamp(), FactsCache.encode(facts)));
        long fourth = freshId();
        UpdateLedger.Claimed stale = ledger.claim(fourth, user, user);
        assertThat(stale.facts()).isNull();
        ledger.done(fourth, new UpdateLedger.FactsToKeep(user, stale.factsStamp(), FactsCache.encode(facts)));
        long fifth = freshId();
        assertThat(ledger.claim(fifth, user, user).facts()).isNotNull();
        ledger.done(fifth);

        cache.changed(SenderFactsChanged.everyone());
        long sixth = freshId();
        UpdateLedger.Claimed afterEveryone = ledger.claim(sixth, user, user);
        assertThat(afterEveryone.facts()).as("after a change of everyone").isNull();
        ledger.done(sixth, new UpdateLedger.FactsToKeep(user, afterEveryone.factsStamp(), FactsCache.encode(facts)));
        long seventh = freshId();
        UpdateLedger.Claimed beforeErasure = ledger.claim(seventh, user, user);
        assertThat(beforeErasure.facts()).isNotNull();

        cache.changed(SenderFactsChanged.forgotten(user));
        assertThat(redis.exists(cache.key(user)) || redis.exists(cache.epochKey(user))).as("keys naming the forgotten user").isFalse();
        // what was read before the erasure is not kept after it, although the user's epoch is back at 0
        ledger.done(seventh, new UpdateLedger.FactsToKeep(user, beforeErasure.factsStamp(), FactsCache.encode(facts)));
        assertThat(redis.exists(cache.key(user))).isFalse();
    }

    @Test
    void factsAreWrittenAsTextAndAnythingElseIsNotTakenForThem() {
        SenderFacts.Facts none = new SenderFacts.Facts(java.util.EnumSet.noneOf(Role.class), java.util.Optional.empty(),
                java.util.Optional.of("zh"));
        assertThat(FactsCache.decode(FactsCache.encode(none))).contains(none);
        assertThat(FactsCache.decode("KING;zh;en")).isEmpty();
        assertThat(FactsCache.decode("{\"json\":1}")).isEmpty();
        assertThat(FactsCache.decode(null)).isEmpty();
    }
}
