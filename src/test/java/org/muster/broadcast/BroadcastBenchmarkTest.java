package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.telegram.TelegramProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * How close a broadcast comes to Telegram's limit without crossing it: N groups against the
 * emulator with Telegram's flood limits (30 messages a second), Muster paced at its configured
 * global rate. Prints the achieved rate as a fraction of that rate, and the 429s met.
 * Run with {@code mvn -Pbenchmark test -Dbenchmark.groups=300}; not part of {@code mvn verify}.
 */
@Tag("benchmark")
@EndToEndTest
@TestPropertySource(properties = {"muster.sandbox.flood-limits=true", "muster.telegram.pacing.enabled=true"})
class BroadcastBenchmarkTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Broadcasts broadcasts;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TelegramProperties telegram;

    private double rateLimited() {
        return meters.find("muster.telegram.rate_limited").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void broadcastRateAgainstTheLimit() {
        int count = Integer.getInteger("benchmark.groups", 300);
        SandboxClient sandbox = new SandboxClient(port);
        long member = sandbox.createUser("Bench", "zh");
        List<Long> groups = ManyGroups.create(sandbox, jdbc, count, member);
        // the bot greets every new group; let that settle so it does not share the measured budget
        long settle = System.nanoTime() + Duration.ofSeconds(count / 10 + 30).toNanos();
        while (groups.stream().anyMatch(g -> ManyGroups.copiesIn(sandbox, g, "Muster") == 0) && System.nanoTime() < settle) {
            ManyGroups.sleep(500);
        }
        double limitedBefore = rateLimited();

        long started = System.nanoTime();
        long id = broadcasts.publishTo(NoticeContent.KIND, null, "benchmark notice", groups, false, 1L, Locale.ENGLISH).broadcastId();
        while (!broadcasts.status(id).finished()) {
            ManyGroups.sleep(20);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        Map<String, Object> span = jdbc.sql("select min(sent_at) as first, max(sent_at) as last from broadcast_delivery where broadcast_id = :b")
                .param("b", id).query().singleRow();
        double seconds = (((Timestamp) span.get("last")).getTime() - ((Timestamp) span.get("first")).getTime()) / 1000.0;
        double rate = (count - 1) / seconds;
        int limit = telegram.pacing().globalPerSecond();
        double errors = rateLimited() - limitedBefore;
        long duplicates = groups.stream().mapToLong(g -> ManyGroups.copiesIn(sandbox, g, "benchmark notice") - 1).sum();

        System.out.printf("%nBROADCAST BENCHMARK%n  groups: %d%n  first to last send: %.2f s (publish to done: %.2f s)%n"
                        + "  achieved rate: %.2f messages/s = %.3f of the configured %d/s (target >= 0.95)%n"
                        + "  429 answers: %.0f (target 0)%n  duplicates: %d%n  failed: %d%n%n",
                count, seconds, wall, rate, rate / limit, limit, errors, duplicates, broadcasts.status(id).failed());
        assertThat(broadcasts.status(id).sent()).isEqualTo(count);
    }
}
