package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.muster.MusterApplication;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.SandboxClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * How long a private {@code /help} waits for its answer while ten groups are each owed 25 answers
 * (more than Telegram lets a group have in a minute), against the same {@code /help}s with no group
 * traffic, in one run: Telegram's flood limits on in the emulator, Muster's pacing on. Twenty users,
 * {@code benchmark.rounds} (5) rounds a second apart; the time is from sending to the answer's arrival
 * at the emulator. Run with {@code mvn -Pbenchmark test -Dtest=FairnessBenchmarkTest}.
 */
@Tag("benchmark")
@SpringBootTest(classes = MusterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"muster.telegram.pacing.enabled=true", "muster.sandbox.flood-limits=true"})
@ActiveProfiles("test")
@Import(EndToEndConfiguration.class)
class FairnessBenchmarkTest {

    static final int GROUPS = 10;
    static final int PER_GROUP = 25;
    static final int PRIVATE = 20;

    @LocalServerPort
    int port;

    @Test
    void privateAnswersWithAndWithoutGroupBacklog() throws Exception {
        SandboxClient sandbox = new SandboxClient(port);
        String bot = sandbox.get("/sandbox/api/bot").path("username").asString();
        List<long[]> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            long member = sandbox.createUser("G" + g, "en");
            long group = sandbox.group("Bench " + g, member);
            sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> !list.isEmpty());
            groups.add(new long[] {group, member});
        }
        List<long[]> people = new ArrayList<>();
        for (int p = 0; p < PRIVATE; p++) {
            long user = sandbox.createUser("P" + p, "en");
            people.add(new long[] {sandbox.privateChat(user), user});
        }
        int rounds = Integer.getInteger("benchmark.rounds", 5);
        ExecutorService pool = Executors.newFixedThreadPool(PRIVATE);
        try {
            List<Long> alone = privateRounds(sandbox, pool, people, rounds);

            int[] before = new int[GROUPS];
            for (int g = 0; g < GROUPS; g++) {
                before[g] = sandbox.messages(groups.get(g)[0], 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElse(0);
            }
            long loadStarted = System.nanoTime();
            for (int i = 0; i < PER_GROUP; i++) {
                for (long[] group : groups) {
                    sandbox.say(group[0], group[1], "/help@" + bot);
                }
            }
            List<Long> loaded = privateRounds(sandbox, pool, people, rounds);
            for (int g = 0; g < GROUPS; g++) {
                sandbox.botMessagesUntil(groups.get(g)[0], before[g], Duration.ofSeconds(90), list -> list.size() >= PER_GROUP);
            }
            double groupsDone = (System.nanoTime() - loadStarted) / 1e9;

            System.out.printf("%nFAIRNESS BENCHMARK (%d private users x %d rounds; %d cores; flood limits and pacing on)%n",
                    PRIVATE, rounds, Runtime.getRuntime().availableProcessors());
            System.out.printf("  %-46s %8s %8s %8s%n", "private /help answered after", "p50", "p99", "max");
            print("no group traffic (baseline)", alone);
            print(GROUPS + " groups each owed " + PER_GROUP + " answers", loaded);
            System.out.printf("  the groups' %d answers were all out %.1f s after they were asked%n%n", GROUPS * PER_GROUP, groupsDone);
            assertThat(loaded).hasSize(PRIVATE * rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> privateRounds(SandboxClient sandbox, ExecutorService pool, List<long[]> people, int rounds) throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            long roundStarted = System.nanoTime();
            List<Future<?>> asked = new ArrayList<>();
            for (long[] person : people) {
                asked.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    int id = sandbox.say(person[0], person[1], "/help");
                    sandbox.botMessagesUntil(person[0], id, Duration.ofSeconds(60), list -> !list.isEmpty());
                    millis.add((System.nanoTime() - sent) / 1_000_000);
                    return null;
                }));
            }
            for (Future<?> one : asked) {
                one.get();
            }
            // a private chat may have one message a second: the next round after that
            long left = 1000 - (System.nanoTime() - roundStarted) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);
            }
        }
        return millis;
    }

    private static void print(String label, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("  %-46s %5d ms %5d ms %5d ms%n", label, at(sorted, 0.5), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
