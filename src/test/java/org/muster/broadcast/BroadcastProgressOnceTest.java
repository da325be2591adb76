package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rounds of the progress job running at the same time, as on several instances, keep one progress
 * message: each update of it is claimed in PostgreSQL, and the first message is sent once.
 */
@EndToEndTest
class BroadcastProgressOnceTest {

    @LocalServerPort
    int port;

    @Autowired
    Broadcasts broadcasts;

    @Autowired
    BroadcastProgress progress;

    @Autowired
    JdbcClient jdbc;

    @Test
    void roundsAtTheSameTimeShowOneProgressMessage() throws Exception {
        SandboxClient sandbox = new SandboxClient(port);
        long coordinator = sandbox.createUser("Progress", "zh");
        long chat = sandbox.privateChat(coordinator);
        List<Long> groups = ManyGroups.create(sandbox, jdbc, 12, sandbox.createUser("Member", "zh"));

        long id = broadcasts.publish(NoticeContent.KIND, null, "进度只有一条", new Target(true, false, false, false, null, List.of()),
                coordinator, Locale.SIMPLIFIED_CHINESE, chat).broadcastId();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(() -> {
                    progress.update();
                    return null;
                });
            }
            boolean finished;
            do {
                finished = broadcasts.status(id).finished();
                pool.invokeAll(rounds);
            } while (!finished);
        } finally {
            pool.shutdownNow();
        }

        List<String> said = SandboxClient.texts(sandbox.botMessagesUntil(chat, 0, Duration.ofSeconds(20),
                list -> list.stream().anyMatch(m -> m.path("text").asString().contains("发送完成"))));
        assertThat(said).filteredOn(text -> text.contains("已发送")).hasSize(1);
        assertThat(groups).allSatisfy(group -> assertThat(ManyGroups.copiesIn(sandbox, group, "进度只有一条")).isEqualTo(1));
    }

    /**
     * The instance that claimed the first progress message died before it went out (seen in ThreeInstancesIT: kill -9 with the
     * message queued behind the notices): once its claim is old, another round sends it, and the coordinator hears the end.
     */
    @Test
    void aFirstProgressMessageWhoseInstanceDiedIsSentOnceItsClaimIsOld() throws Exception {
        SandboxClient sandbox = new SandboxClient(port);
        long coordinator = sandbox.createUser("Progress", "zh");
        long chat = sandbox.privateChat(coordinator);
        List<Long> groups = ManyGroups.create(sandbox, jdbc, 3, sandbox.createUser("Member", "zh"));
        long id = broadcasts.publish(NoticeContent.KIND, null, "进度没有丢", new Target(true, false, false, false, null, List.of()),
                coordinator, Locale.SIMPLIFIED_CHINESE, chat).broadcastId();
        // what a dead instance left: the first message claimed (being sent) long ago, never sent
        jdbc.sql("update broadcast set progress_message_id = -1, progress_shown = 1, progress_claimed_at = :long_ago where id = :b")
                .param("long_ago", java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(1)))).param("b", id).update();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!broadcasts.status(id).finished() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        progress.update();
        List<String> said = SandboxClient.texts(sandbox.botMessagesUntil(chat, 0, Duration.ofSeconds(20),
                list -> list.stream().anyMatch(m -> m.path("text").asString().contains("发送完成"))));
        assertThat(said).anyMatch(text -> text.contains("发送完成：已发送"));
        assertThat(groups).allSatisfy(group -> assertThat(ManyGroups.copiesIn(sandbox, group, "进度没有丢")).isEqualTo(1));
    }
}
