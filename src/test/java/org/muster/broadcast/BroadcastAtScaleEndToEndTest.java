package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox against the emulator with Telegram's flood limits on (raised to 100 messages a
 * second on both sides, to keep the test short): every group gets the message exactly once,
 * Muster meets no 429, and a worker stopped halfway and started again loses and repeats nothing.
 */
@EndToEndTest
@TestPropertySource(properties = {
        "muster.sandbox.flood-limits=true", "muster.sandbox.flood.global-per-second=100",
        "muster.telegram.pacing.enabled=true", "muster.telegram.pacing.global-per-second=100"})
class BroadcastAtScaleEndToEndTest {

    private static final int GROUPS = 500;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Broadcasts broadcasts;

    @Autowired
    OutboxWorker worker;

    @Autowired
    MeterRegistry meters;

    private double rateLimited() {
        return meters.find("muster.telegram.rate_limited").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void fiveHundredGroupsGetTheNoticeOnceEvenWhenTheWorkerStopsHalfway() {
        SandboxClient sandbox = new SandboxClient(port);
        long member = sandbox.createUser("Watcher", "zh");
        List<Long> groups = ManyGroups.create(sandbox, jdbc, GROUPS, member);
        double limitedBefore = rateLimited();

        BroadcastStatus published = broadcasts.publishTo(NoticeContent.KIND, null, "明早 7 点全员核酸", groups, false, 1L,
                Locale.SIMPLIFIED_CHINESE);
        long id = published.broadcastId();
        while (broadcasts.status(id).sent() < GROUPS / 2) {
            ManyGroups.sleep(20);
        }
        worker.stop();
        // what was handed to the outbound queues before the stop still goes out, and is recorded
        while (jdbc.sql("select count(*) from broadcast_delivery where broadcast_id = :b and status = 'sending'").param("b", id)
                .query(Integer.class).single() > 0) {
            ManyGroups.sleep(20);
        }
        BroadcastStatus atStop = broadcasts.status(id);
        assertThat(atStop.pending()).as("stopped halfway").isPositive();
        worker.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!broadcasts.status(id).finished() && System.nanoTime() < deadline) {
            ManyGroups.sleep(50);
        }

        BroadcastStatus done = broadcasts.status(id);
        assertThat(done.sent()).isEqualTo(GROUPS);
        assertThat(done.failed()).isZero();
        long duplicates = groups.stream().mapToLong(g -> ManyGroups.copiesIn(sandbox, g, "明早 7 点全员核酸") - 1).sum();
        assertThat(groups).allSatisfy(g -> assertThat(ManyGroups.copiesIn(sandbox, g, "明早 7 点全员核酸")).isEqualTo(1));
        assertThat(duplicates).isZero();
        assertThat(rateLimited()).as("429 answers met").isEqualTo(limitedBefore);
    }

    @Test
    void aVolunteerWhoBlockedTheBotIsMarkedUnreachableAndAMigratedGroupIsReached() {
        SandboxClient sandbox = new SandboxClient(port);
        long blocker = sandbox.createUser("Blocker", "zh");
        sandbox.privateChat(blocker);
        sandbox.say(blocker, blocker, "/start");
        jdbc.sql("insert into volunteer (public_id, telegram_user_id, real_name, phone, consent_at) values (:p, :u, 'x', '+8613800000000', now())")
                .param("p", "B" + blocker).param("u", blocker).update();
        sandbox.post("/sandbox/api/chats/" + blocker + "/block", java.util.Map.of());
        long old = sandbox.post("/sandbox/api/chats", java.util.Map.of("type", "group", "title", "Old group", "members", List.of(blocker)))
                .path("id").asLong();
        long moved = sandbox.post("/sandbox/api/chats/" + old + "/migrate", java.util.Map.of()).path("id").asLong();

        long toPeople = broadcasts.publishTo(NoticeContent.KIND, null, "to people", List.of(blocker), true, 1L, Locale.ENGLISH).broadcastId();
        long toGroups = broadcasts.publishTo(NoticeContent.KIND, null, "to the old group", List.of(old), false, 1L, Locale.ENGLISH).broadcastId();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((!broadcasts.status(toPeople).finished() || !broadcasts.status(toGroups).finished()) && System.nanoTime() < deadline) {
            ManyGroups.sleep(50);
        }

        assertThat(broadcasts.status(toPeople).failed()).isEqualTo(1);
        assertThat(jdbc.sql("select unreachable_at is not null from volunteer where telegram_user_id = :u").param("u", blocker)
                .query(Boolean.class).single()).isTrue();
        assertThat(broadcasts.status(toGroups).sent()).isEqualTo(1);
        assertThat(ManyGroups.copiesIn(sandbox, moved, "to the old group")).isEqualTo(1);
        assertThat(jdbc.sql("select chat_id from broadcast_delivery where broadcast_id = :b").param("b", toGroups).query(Long.class).single())
                .as("the delivery records where it went").isEqualTo(moved);
    }

    @Test
    void aGroupThatRemovedTheBotIsUnsubscribedAndItsDeliveryCountsAsFailed() {
        SandboxClient sandbox = new SandboxClient(port);
        long member = sandbox.createUser("Leaver", "zh");
        List<Long> groups = ManyGroups.create(sandbox, jdbc, 2, member);
        sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/sandbox/api/chats/" + groups.get(0) + "/members/bot"))
                .DELETE().build());
        // the group's own notice that the bot left may arrive first; either way the send must fail
        jdbc.sql("update group_chat set bot_status = 'member' where chat_id = :c").param("c", groups.get(0)).update();

        long id = broadcasts.publishTo(NoticeContent.KIND, null, "removed test", groups, false, 1L, Locale.SIMPLIFIED_CHINESE).broadcastId();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!broadcasts.status(id).finished() && System.nanoTime() < deadline) {
            ManyGroups.sleep(50);
        }

        assertThat(broadcasts.status(id)).extracting(BroadcastStatus::sent, BroadcastStatus::failed).containsExactly(1, 1);
        assertThat(jdbc.sql("select all_calls from subscription where chat_id = :c").param("c", groups.get(0)).query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("select bot_status from group_chat where chat_id = :c").param("c", groups.get(0)).query(String.class).single())
                .isEqualTo("kicked");
    }
}
