package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.muster.broadcast.Broadcasts;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.StatementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Volunteers tapping "enrol" on one call, through the emulator, with {@code benchmark.concurrency}
 * (64) of them tapping at once, each waiting for their toast before the next one taps: taps a second,
 * toast times as the emulator saw them (press to {@code answerCallbackQuery}), and the SQL statements
 * per tap by thread kind. Run at 100 places and at {@code benchmark.places} (10,000): the statements
 * per tap must be the same, since a tap touches only its volunteer's rows. Pacing is off (the test
 * profile): this measures Muster, not Telegram's limits.
 * Run with {@code mvn -Pbenchmark test -Dtest=EnrolmentBenchmarkTest}; not part of {@code mvn verify}.
 */
@Tag("benchmark")
@EndToEndTest
@Import(StatementCounter.class)
// the copies' counters as often as in production, not as often as the other end-to-end tests want
@TestPropertySource(properties = "muster.recruitment.counter-edit-gap=6s")
class EnrolmentBenchmarkTest {

    private static final int GROUPS = 100;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallRepository calls;

    @Autowired
    Broadcasts broadcasts;

    private record Figures(int places, int taps, double seconds, List<Long> toastMillis, Map<String, Long> statements,
                           Map<String, Long> commits) {

        double perTap(Map<String, Long> counts, String kindPrefix) {
            return counts.entrySet().stream().filter(e -> e.getKey().startsWith(kindPrefix)).mapToLong(Map.Entry::getValue).sum()
                    / (double) taps;
        }

        long percentile(double p) {
            List<Long> sorted = new ArrayList<>(toastMillis);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }
    }

    @Test
    void tapsOnOneCallCostTheSameWhateverItsSize() throws Exception {
        SandboxClient sandbox = new SandboxClient(port);
        sandbox.createUser(EndToEndConfiguration.COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(EndToEndConfiguration.COORDINATOR);
        int concurrency = Integer.getInteger("benchmark.concurrency", 64);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            // a first round that is not counted: the JIT compiles the path, so both sizes meet a warm JVM
            run(sandbox, pool, concurrency, 100);
            Figures small = run(sandbox, pool, concurrency, 100);
            Figures large = run(sandbox, pool, concurrency, Integer.getInteger("benchmark.places", 10_000));
            System.out.printf("%nENROLMENT BENCHMARK (one call posted in %d groups, %d volunteers tapping at once, "
                    + "%d cores, pacing off, copies edited every 6 s)%n", GROUPS, concurrency, Runtime.getRuntime().availableProcessors());
            System.out.printf("  %7s %7s %8s %10s %10s %10s %14s %14s %14s%n", "places", "taps", "taps/s", "toast p50",
                    "toast p99", "toast max", "SQL/tap worker", "commits/tap", "SQL/tap all");
            for (Figures f : List.of(small, large)) {
                System.out.printf("  %7d %7d %8.0f %8d ms %8d ms %8d ms %14.2f %14.2f %14.2f%n", f.places, f.taps, f.taps / f.seconds,
                        f.percentile(0.5), f.percentile(0.99), f.percentile(1.0), f.perTap(f.statements, "muster-worker"),
                        f.perTap(f.commits, "muster-worker"), f.perTap(f.statements, ""));
            }
            System.out.printf("  statements by thread at %d places: %s%n%n", large.places, large.statements);
        } finally {
            pool.shutdownNow();
        }
    }

    private Figures run(SandboxClient sandbox, ExecutorService pool, int concurrency, int places) throws Exception {
        // people, each with a private chat (so the confirmation reaches them) and signed up
        List<Future<Long>> created = new ArrayList<>();
        for (int i = 0; i < places; i++) {
            String name = "E" + places + "-" + i;
            created.add(pool.submit(() -> {
                long user = sandbox.createUser(name, "zh");
                sandbox.privateChat(user);
                return user;
            }));
        }
        List<Long> people = new ArrayList<>();
        for (Future<Long> user : created) {
            people.add(user.get());
        }
        jdbc.sql("""
                insert into volunteer (public_id, telegram_user_id, real_name, phone, area_code, skills, consent_at)
                select 'B' || u, u, 'Bench ' || u, '+8613800000000', 'jiangning.dongshan.baijiahu', '{}', now()
                from unnest(:users) as u
                """).param("users", people.toArray(Long[]::new)).update();

        // each size gets groups of its own: the earlier ones no longer hear of calls
        jdbc.sql("delete from subscription").update();
        CallFixtures fixtures = new CallFixtures(calls, broadcasts, jdbc, sandbox);
        // person i is in group i mod 100: the taps in progress at any moment come from different chats
        // (one chat's updates take turns, so taps from one group would wait for each other)
        int groupCount = Math.min(GROUPS, places);
        List<Long> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            List<Long> members = new ArrayList<>();
            for (int i = g; i < places; i += groupCount) {
                members.add(people.get(i));
            }
            groups.add(fixtures.subscribedGroup("报名压测 " + places + "-" + g, members.toArray(Long[]::new)));
        }
        String title = "压测招募 " + places;
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        long call = fixtures.publish(title, places, start, List.of(), EndToEndConfiguration.COORDINATOR);
        Map<Long, Integer> copies = new java.util.HashMap<>();
        for (long group : groups) {
            copies.put(group, fixtures.postedIn(group, title));
        }

        StatementCounter.reset();
        AtomicInteger next = new AtomicInteger();
        List<Long> toastMillis = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Future<?>> tappers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            tappers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < places; i = next.getAndIncrement()) {
                    long group = groups.get(i % groupCount);
                    JsonNode press = sandbox.post("/sandbox/api/callbacks", Map.of("chat_id", group, "from", people.get(i),
                            "message_id", copies.get(group), "data", "enrol:" + call));
                    toastMillis.add(sandbox.answered(press.path("callback_query_id").asString()).path("answered_after_ms").asLong());
                }
                return null;
            }));
        }
        for (Future<?> tapper : tappers) {
            tapper.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Figures figures = new Figures(places, places, seconds, toastMillis, StatementCounter.statements(), StatementCounter.commits());

        long confirmed = jdbc.sql("select count(*) from enrollment where activity_id = :a and status = 'confirmed'")
                .param("a", call).query(Long.class).single();
        assertThat(confirmed).isEqualTo(places);
        return figures;
    }
}
