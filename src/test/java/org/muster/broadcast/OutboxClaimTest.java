package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's claiming against real PostgreSQL: earliest deadline first, no delivery claimed by
 * two workers, and deadline planning under load. Each test uses its own far-future time so that
 * rows of other tests are never due.
 */
class OutboxClaimTest {

    private static JdbcClient jdbc;
    private static BroadcastRepository repository;
    private Instant now;
    private long broadcast;

    @BeforeAll
    static void database() {
        // claims take whatever is due: in the shared database other classes leave deliveries that are
        var dataSource = TestServers.freshDatabase("outbox_claims");
        jdbc = JdbcClient.create(dataSource);
        repository = new BroadcastRepository(jdbc);
    }

    @BeforeEach
    void freshTime() {
        // every test in its own century: nothing else in the shared database is due then
        now = Instant.parse("2200-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(1, 3_000_000)));
        broadcast = repository.create("notice", null, "test", 1, "zh", null);
    }

    /** Nothing of this test stays pending to be claimed by the next one. */
    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from broadcast_delivery where broadcast_id = :b").param("b", broadcast).update();
    }

    private void due(long chat, Instant deadline) {
        if (deadline == null) {
            repository.addDeliveries(broadcast, List.of(chat), false, now);
        } else {
            repository.schedule(broadcast, chat, false, now, deadline);
        }
    }

    /** Claims until nothing is due; returns the chats of this test's broadcast, in claim order. */
    private List<Long> claimAll(String worker) {
        List<Long> chats = new ArrayList<>();
        List<BroadcastRepository.Delivery> batch;
        while (!(batch = repository.claim(worker, 3, now)).isEmpty()) {
            batch.stream().filter(d -> d.broadcastId() == broadcast).forEach(d -> chats.add(d.chatId()));
            batch.forEach(d -> repository.sent(d.id(), d.chatId(), 1, now));
        }
        return chats;
    }

    @Test
    void dueDeliveriesGoEarliestDeadlineFirstThenThoseWithoutOne() {
        due(1, null);
        due(2, now.plus(Duration.ofHours(3)));
        due(3, now.plus(Duration.ofMinutes(10)));
        due(4, null);
        due(5, now.plus(Duration.ofHours(1)));
        repository.schedule(broadcast, 6, false, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));

        assertThat(claimAll("w")).containsExactly(3L, 5L, 2L, 1L, 4L);
    }

    @Test
    void twoWorkersClaimingAtOnceNeverTakeTheSameDelivery() throws Exception {
        for (long chat = 1; chat <= 300; chat++) {
            due(chat, chat % 2 == 0 ? now.plusSeconds(chat) : null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> one = pool.submit(() -> claimAll("instance-1"));
            Future<List<Long>> two = pool.submit(() -> claimAll("instance-2"));
            List<Long> first = one.get(60, TimeUnit.SECONDS);
            List<Long> second = two.get(60, TimeUnit.SECONDS);

            Set<Long> both = new HashSet<>(first);
            both.retainAll(second);
            assertThat(both).as("claimed twice").isEmpty();
            assertThat(first.size() + second.size()).isEqualTo(300);
            assertThat(first).isNotEmpty();
            assertThat(second).isNotEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimOfADeadInstanceIsGivenBackAndADeliveryGivenBackKeepsItsAttempts() {
        due(7, null);
        BroadcastRepository.Delivery claimed = repository.claim("dead", 10, now).get(0);
        assertThat(repository.claim("alive", 10, now)).isEmpty();

        assertThat(repository.reclaimStale(now.plusSeconds(1))).isGreaterThanOrEqualTo(1);

        BroadcastRepository.Delivery again = repository.claim("alive", 10, now.plusSeconds(1)).get(0);
        assertThat(again.id()).isEqualTo(claimed.id());
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void thePlannerReleasesAQueueEarlyEnoughForEveryDeadline() {
        Instant deadline = now.plus(Duration.ofHours(1));
        Instant nominal = deadline.minus(Duration.ofMinutes(1));
        for (long chat = 1; chat <= 1500; chat++) {
            repository.schedule(broadcast, chat, false, nominal, deadline);
        }

        int moved = repository.plan(now, 30.0, Duration.ofMinutes(2));

        assertThat(moved).isPositive();
        List<Instant> releases = jdbc.sql("select next_attempt_at from broadcast_delivery where broadcast_id = :b order by deadline, id")
                .param("b", broadcast).query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
        // 1500 at 30/s take 50 s: the first must leave at the latest 50 s + 2 min before the deadline
        assertThat(releases.get(0)).isBeforeOrEqualTo(deadline.minusSeconds(50).minus(Duration.ofMinutes(2)).plusMillis(1));
        assertThat(releases).allSatisfy(r -> assertThat(r).isBeforeOrEqualTo(nominal));
        for (int i = 0; i < releases.size(); i++) {
            Instant sentAtRate = releases.get(0).plusMillis(Math.round(i * 1000 / 30.0));
            assertThat(sentAtRate).as("delivery %d sent in order at 30/s", i).isBefore(deadline);
        }
        assertThat(Collections.max(releases)).isBeforeOrEqualTo(nominal);
    }

    @Test
    void planningIsNeededOnlyAfterSomethingWasScheduledOrMoved() {
        Instant deadline = now.plus(Duration.ofHours(1));
        repository.schedule(broadcast, 1, false, deadline.minusSeconds(60), deadline);
        assertThat(repository.needsPlanning(now)).isTrue();

        repository.plan(now, 30.0, Duration.ofMinutes(2));
        assertThat(repository.needsPlanning(now)).isFalse();

        // sending only loosens a plan
        repository.claim("w", 10, deadline.minusSeconds(30)).forEach(d -> repository.sent(d.id(), d.chatId(), 1, now));
        assertThat(repository.needsPlanning(now)).isFalse();

        repository.schedule(broadcast, 2, false, deadline.minusSeconds(60), deadline);
        assertThat(repository.needsPlanning(now)).isTrue();
        repository.plan(now, 30.0, Duration.ofMinutes(2));

        // moving a scheduled delivery (a re-timed shift) needs a new plan too
        repository.schedule(broadcast, 2, false, deadline.minusSeconds(90), deadline.minusSeconds(30));
        assertThat(repository.needsPlanning(now)).isTrue();
    }
}
