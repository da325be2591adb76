package org.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.muster.MusterApplication;
import org.muster.conversation.InboundBenchmarkAccess;
import org.muster.support.StatementCounter;
import org.muster.telegram.InboundBenchmarkPacing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The inbound path in webhook mode, measured against an echo baseline in the same run, on the
 * (embedded, or {@code MUSTER_TEST_*_URL}) PostgreSQL and Redis. Prints figures, asserts no timing.
 * Run with {@code mvn -Pbenchmark test -Dtest=InboundBenchmarkTest}.
 *
 * <p>Setup: a closed loop of {@code benchmark.concurrency} (64) threads, each on its own keep-alive
 * HTTP/1.1 connection, posting Telegram updates with the webhook secret to Muster's webhook endpoint
 * and waiting for the answer before the next; {@code benchmark.users} (2,000) distinct users, taken in
 * turn, in their private chats (a user whose last update is still out when their turn comes again is
 * skipped, so that a chat has one update in flight at a time, as Telegram delivers them). Muster sends its answers to a fake Bot API in this JVM that answers
 * every method at once with a canned result ({@link FakeBotApi}); an update is answered when its
 * {@code sendMessage} arrives there, and its latency runs from writing the update to that arrival.
 * Each phase warms up for {@code benchmark.warmup-seconds} (10), pauses, then measures for
 * {@code benchmark.seconds} (20). Pacing is on, as in production, with its limits raised far above the
 * load (a million a second for the bot, a thousand a second per chat), so the buckets are asked but
 * never make anyone wait.
 *
 * <p>Phases, each in a Spring context of its own, one after the other in this JVM:
 * <ul>
 *   <li><b>echo</b>: the same application, web stack, JSON parsing, mapping, dispatcher, sender queues
 *       and Bot API client, but the update processing replaced by one that answers every update with
 *       one canned {@code sendMessage} ({@link InboundBenchmarkAccess.Echo}), and the pacer by one that
 *       does not ask Redis ({@link InboundBenchmarkPacing}): no Redis, no PostgreSQL. It is posted the
 *       same {@code /help} updates.</li>
 *   <li><b>/help</b> in a private chat: a stateless command.</li>
 *   <li><b>sign-up step</b>: users inside the sign-up flow at its phone step, each update a typed
 *       answer that is not a phone number ({@code 12}). The flow loads the conversation, runs the step,
 *       saves it with its compare-and-set (one more wrong attempt) and asks again with the phone
 *       keyboard: every part of a flow step but the database write that only sign-up's last step makes.
 *       It can be answered any number of times, with {@code muster.conversation.max-invalid-answers}
 *       raised so the flow never gives up. The users are brought there first, through the webhook:
 *       {@code /signup}, then a name.</li>
 * </ul>
 *
 * <p>Per update: Redis commands from {@code INFO commandstats} (which counts a command a Lua script runs
 * as well as the {@code EVALSHA} that runs it), and Redis round trips (the commands clients sent) from
 * {@code MONITOR} during {@value #ROUND_TRIP_UPDATES} more updates of each kind sent one at a time after the
 * phases; PostgreSQL transactions from
 * {@code pg_stat_database} ({@code xact_commit + xact_rollback}, all databases; pg_stat_statements is
 * not loaded in the embedded server), with rows fetched and written, and the statements and commits the
 * application's worker threads sent through JDBC ({@link StatementCounter}); CPU from
 * {@code /proc/<pid>/stat} (utime + stime in clock ticks) of this JVM less the benchmark's own threads
 * (load and fake Bot API, read per thread), of the Redis server ({@code INFO server process_id}), and
 * of PostgreSQL: the postmaster (with {@code cutime + cstime}, the children it reaped) plus every live
 * process whose parent is the postmaster (backends, checkpointer, writers, autovacuum); TCP segments
 * from {@code /proc/net/snmp} (InSegs + OutSegs, the whole machine's: other processes count too).
 * What the same context does when idle (measured for {@code benchmark.idle-seconds}, 5, after a warm-up
 * and before its phases) is printed, and taken out of the Redis command and TCP figures, and out of
 * PostgreSQL's transactions in a row of their own; the other figures are as measured, background work
 * (the periodic jobs' statements, about 30 a second) included.
 *
 * <p>Memory: {@code benchmark.conversations} (100,000) live sign-up conversations written through the
 * conversation store (copies of a real one at the phone step, each with its idle marker): Redis
 * {@code used_memory} and JVM heap (after {@code System.gc()}) deltas per conversation. Dedupe:
 * {@code benchmark.dedupe-updates} (100,000) update ids claimed and marked done by the update ledger:
 * {@code used_memory} delta per update, and the {@code MEMORY USAGE} of the done-mark bitmaps that hold
 * them over their number (a block of 65,536 ids is a string of up to 8 KiB, so a small run pays for
 * whole blocks: read the figure of a run of 100,000 or more).
 */
@Tag("benchmark")
class InboundBenchmarkTest {

    private static final String SECRET = "bench-secret";
    private static final long HELP_USERS = 8_100_000_000L;
    private static final long FLOW_USERS = 8_200_000_000L;
    private static final long MEMORY_USERS = 8_300_000_000L;
    private static final long DEDUPE_IDS = 1_900_000_000L;
    /** Updates sent one at a time under MONITOR, after the phases, to count round trips. */
    private static final int ROUND_TRIP_UPDATES = 20;

    private final int concurrency = Integer.getInteger("benchmark.concurrency", 64);
    private final int users = Integer.getInteger("benchmark.users", 2000);
    private final double seconds = Double.parseDouble(System.getProperty("benchmark.seconds", "20"));
    private final double warmup = Double.parseDouble(System.getProperty("benchmark.warmup-seconds", "10"));
    private final double idleSeconds = Double.parseDouble(System.getProperty("benchmark.idle-seconds", "5"));
    private final int conversations = Integer.getInteger("benchmark.conversations", 100_000);
    private final int dedupeUpdates = Integer.getInteger("benchmark.dedupe-updates", 100_000);
    /** How long to wait after load stops, so PostgreSQL's backends have reported their counters (every 500 ms). */
    private static final long SETTLE_MILLIS = 1500;

    private record Phase(String name, WebhookLoad.Result load, ChainMeters.Reading before, ChainMeters.Reading after,
                         Idle idle) {

        Phase withIdle(Idle measured) {
            return new Phase(name, load, before, after, measured);
        }

        double elapsedNanos() {
            return after.nanos() - before.nanos();
        }

        double perUpdate(double delta, double idlePerNano) {
            return (delta - idlePerNano * elapsedNanos()) / load.updates();
        }

        Map<String, Double> redisByCommand() {
            Map<String, Double> out = new LinkedHashMap<>();
            Set<String> commands = new TreeSet<>(after.redisCalls().keySet());
            commands.remove("info");
            for (String command : commands) {
                double delta = after.redisCalls().get(command) - before.redisCalls().getOrDefault(command, 0L);
                out.put(command, perUpdate(delta, idle.redisPerNano(command)));
            }
            return out;
        }

        double redis() {
            return redisByCommand().values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double postgresRaw(String... fields) {
            double delta = 0;
            for (String field : fields) {
                delta += after.postgres().get(field) - before.postgres().get(field);
            }
            return delta / load.updates();
        }

        double postgres(String... fields) {
            double delta = 0;
            double idleRate = 0;
            for (String field : fields) {
                delta += after.postgres().get(field) - before.postgres().get(field);
                idleRate += idle.postgresPerNano(field);
            }
            return perUpdate(delta, idleRate);
        }

        double workerStatements() {
            return workers(after.jdbcStatements()) / (double) load.updates();
        }

        double workerCommits() {
            return workers(after.jdbcCommits()) / (double) load.updates();
        }

        double allStatements() {
            return after.jdbcStatements().values().stream().mapToLong(Long::longValue).sum() / (double) load.updates();
        }

        private static long workers(Map<String, Long> counts) {
            return counts.entrySet().stream().filter(e -> e.getKey().startsWith("muster-worker-")).mapToLong(Map.Entry::getValue).sum();
        }

        double jvmMillis() {
            double ticks = after.jvmTicks() - before.jvmTicks();
            double harness = after.harnessNanos() - before.harnessNanos();
            double muster = ticks * 1e9 / ChainMeters.TICKS_PER_SECOND - harness;
            return muster / load.updates() / 1e6;
        }

        double harnessMillis() {
            return (after.harnessNanos() - before.harnessNanos()) / 1e6 / load.updates();
        }

        double redisMillis() {
            return (after.redisTicks() - before.redisTicks()) * 1e9 / ChainMeters.TICKS_PER_SECOND / load.updates() / 1e6;
        }

        double postgresMillis() {
            return (after.postgresTicks() - before.postgresTicks()) * 1e9 / ChainMeters.TICKS_PER_SECOND / load.updates() / 1e6;
        }

        double chainMillis() {
            return jvmMillis() + redisMillis() + postgresMillis();
        }

        double tcpSegments() {
            return perUpdate(after.tcpSegments() - before.tcpSegments(), idle.tcpPerNano);
        }

        double sendMessages() {
            return (after.sendMessages() - before.sendMessages()) / (double) load.updates();
        }

        double botApiCalls() {
            return (after.botApiCalls() - before.botApiCalls()) / (double) load.updates();
        }
    }

    /** What a context does with no traffic, per nanosecond. */
    private static final class Idle {
        final ChainMeters.Reading before;
        final ChainMeters.Reading after;
        final double nanos;
        final double jvmNanosPerNano;
        final double redisNanosPerNano;
        final double postgresNanosPerNano;
        final double tcpPerNano;

        Idle(ChainMeters.Reading before, ChainMeters.Reading after) {
            this.before = before;
            this.after = after;
            this.nanos = after.nanos() - before.nanos();
            double harness = after.harnessNanos() - before.harnessNanos();
            this.jvmNanosPerNano = ((after.jvmTicks() - before.jvmTicks()) * 1e9 / ChainMeters.TICKS_PER_SECOND - harness) / nanos;
            this.redisNanosPerNano = (after.redisTicks() - before.redisTicks()) * 1e9 / ChainMeters.TICKS_PER_SECOND / nanos;
            this.postgresNanosPerNano = (after.postgresTicks() - before.postgresTicks()) * 1e9 / ChainMeters.TICKS_PER_SECOND / nanos;
            this.tcpPerNano = (after.tcpSegments() - before.tcpSegments()) / nanos;
        }

        double redisPerNano(String command) {
            return (after.redisCalls().getOrDefault(command, 0L) - before.redisCalls().getOrDefault(command, 0L)) / nanos;
        }

        double redisCommandsPerSecond() {
            double sum = 0;
            for (String command : after.redisCalls().keySet()) {
                if (!command.equals("info")) {
                    sum += redisPerNano(command);
                }
            }
            return sum * 1e9;
        }

        double jdbcPerSecond() {
            long statements = 0;
            for (Map.Entry<String, Long> kind : after.jdbcStatements().entrySet()) {
                statements += kind.getValue() - before.jdbcStatements().getOrDefault(kind.getKey(), 0L);
            }
            return statements / nanos * 1e9;
        }

        double postgresPerNano(String field) {
            return (after.postgres().get(field) - before.postgres().get(field)) / nanos;
        }

        String describe() {
            return String.format(Locale.ROOT, "%.1f Redis commands/s, %.1f PostgreSQL transactions/s (%.1f JDBC statements/s), CPU %.1f ms/s JVM, %.1f ms/s Redis, "
                            + "%.1f ms/s PostgreSQL, %.0f TCP segments/s", redisCommandsPerSecond(),
                    (postgresPerNano("xact_commit") + postgresPerNano("xact_rollback")) * 1e9, jdbcPerSecond(), jvmNanosPerNano * 1e3,
                    redisNanosPerNano * 1e3, postgresNanosPerNano * 1e3, tcpPerNano * 1e9);
        }
    }

    private record Memory(int conversations, long redisBytes, long heapBytes, int dedupeUpdates, long dedupeBytes,
                          String conversationStep, String doneMarker, double conversationUsage, double markerUsage) {
    }

    @Test
    void inboundAgainstEchoBaseline() throws Exception {
        String loadBefore = loadAverage();
        List<Phase> phases = new ArrayList<>();
        Memory memory;
        List<String> idles = new ArrayList<>();
        Map<String, RedisRoundTrips.Counted> roundTrips = new LinkedHashMap<>();
        String servers;
        try (FakeBotApi api = new FakeBotApi()) {
            try (ConfigurableApplicationContext echo = start(api, true); ChainMeters meters = meters(echo, api)) {
                WebhookLoad load = load(echo, api);
                Idle idle = idleAfterWarmUp(load, meters);
                idles.add("echo context: " + idle.describe());
                phases.add(measure("echo", load, meters, InboundBenchmarkTest::help, HELP_USERS).withIdle(idle));
            }
            try (ConfigurableApplicationContext muster = start(api, false); ChainMeters meters = meters(muster, api)) {
                WebhookLoad load = load(muster, api);
                servers = describeServers(muster, meters);
                Idle idle = idleAfterWarmUp(load, meters);
                idles.add("Muster context: " + idle.describe());
                prepareSignups(muster, load);
                phases.add(measure("/help", load, meters, InboundBenchmarkTest::help, HELP_USERS).withIdle(idle));
                phases.add(measure("sign-up step", load, meters, InboundBenchmarkTest::wrongPhone, FLOW_USERS).withIdle(idle));
                String redisUrl = muster.getEnvironment().getRequiredProperty("muster.redis.url");
                roundTrips.put("/help", RedisRoundTrips.during(redisUrl,
                        () -> load.count(1, HELP_USERS, users, InboundBenchmarkTest::help, ROUND_TRIP_UPDATES)));
                roundTrips.put("sign-up step", RedisRoundTrips.during(redisUrl,
                        () -> load.count(1, FLOW_USERS, users, InboundBenchmarkTest::wrongPhone, ROUND_TRIP_UPDATES)));
                memory = memory(muster, meters);
            }
        }
        String report = report(phases, memory, idles, roundTrips, servers + "; load average (1 min) " + loadBefore + " before, "
                + loadAverage() + " after");
        System.out.println(report);
        Path out = Path.of("target", "benchmark-inbound.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);

        for (Phase phase : phases) {
            assertThat(phase.load().failures()).as(phase.name() + " failures: " + phase.load().failureKinds()).isZero();
            assertThat(phase.load().updates()).as(phase.name() + " updates").isPositive();
        }
        // the baseline touched neither server
        assertThat(phases.get(0).workerStatements()).as("echo JDBC statements").isZero();
        assertThat(phases.get(0).redis()).as("echo Redis commands").isLessThan(0.05);
    }

    // ---- contexts

    private ConfigurableApplicationContext start(FakeBotApi api, boolean echo) {
        List<Class<?>> sources = new ArrayList<>(List.of(MusterApplication.class, StatementCounter.class));
        if (echo) {
            sources.add(InboundBenchmarkAccess.Echo.class);
            sources.add(InboundBenchmarkPacing.class);
        }
        String[] args = {
            "--muster.telegram.token=" + FakeBotApi.BOT_ID + ":bench-token",
            "--muster.telegram.api-url=http://127.0.0.1:" + api.port(),
            "--muster.telegram.mode=webhook",
            "--muster.telegram.webhook-secret=" + SECRET,
            "--muster.telegram.webhook-url=http://127.0.0.1:9/telegram/webhook",
            "--muster.telegram.pacing.enabled=true",
            "--muster.telegram.pacing.global-per-second=1000000",
            "--muster.telegram.pacing.global-burst=1000000",
            "--muster.telegram.pacing.private-per-second=1000",
            "--muster.telegram.pacing.private-burst=1000",
            "--muster.telegram.pacing.group-per-minute=60000",
            "--muster.telegram.pacing.group-burst=1000",
            "--muster.conversation.max-invalid-answers=1000000000",
            // as shipped (the test profile turns the cache of sender facts off)
            "--muster.dispatch.sender-facts=5s",
        };
        return new SpringApplicationBuilder(sources.toArray(new Class<?>[0]))
                .profiles("test")
                .initializers(context -> context.getBeanFactory().registerSingleton("benchmarkExcludesTestClasses",
                        new TestClassesExcluded()))
                .run(args);
    }

    /**
     * Keeps the test classes' own configurations (end-to-end fixtures and the like) out of the
     * application's component scan, as a {@code @SpringBootTest} does; this benchmark names what it adds.
     */
    static final class TestClassesExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getDescription().contains("test-classes");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestClassesExcluded;
        }

        @Override
        public int hashCode() {
            return TestClassesExcluded.class.hashCode();
        }
    }

    private static WebhookLoad load(ConfigurableApplicationContext context, FakeBotApi api) {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return new WebhookLoad(port, context.getEnvironment().getProperty("muster.telegram.webhook-path", "/telegram/webhook"),
                SECRET, api);
    }

    private static ChainMeters meters(ConfigurableApplicationContext context, FakeBotApi api) throws Exception {
        Environment env = context.getEnvironment();
        return new ChainMeters(env.getRequiredProperty("muster.redis.url"), env.getRequiredProperty("spring.datasource.url"),
                env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"), api);
    }

    private static String describeServers(ConfigurableApplicationContext context, ChainMeters meters) {
        String postgres = org.springframework.jdbc.core.simple.JdbcClient.create(context.getBean(javax.sql.DataSource.class))
                .sql("show server_version").query(String.class).single();
        String redis;
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(
                java.net.URI.create(context.getEnvironment().getRequiredProperty("muster.redis.url")))) {
            redis = ChainMeters.infoField(jedis.info("server"), "redis_version");
        }
        return "PostgreSQL " + postgres + " (postmaster pid " + meters.postmasterPid() + ", " + meters.postgresChildren()
                + " children), Redis " + redis + " (pid " + meters.redisPid() + ")";
    }

    // ---- phases

    /**
     * What the context does with no traffic, once the JIT compiler has seen some (the minutes after a
     * start are busier): {@code /help} for the warm-up time, then nothing for the idle time. Measured
     * before the phases, so what their writes cause later (autovacuum, say) counts as theirs.
     */
    private Idle idleAfterWarmUp(WebhookLoad load, ChainMeters meters) throws InterruptedException {
        WebhookLoad.Result warm = load.forNanos(concurrency, HELP_USERS, users, InboundBenchmarkTest::help, (long) (warmup * 1e9));
        assertThat(warm.failures()).as("warm-up failures: " + warm.failureKinds()).isZero();
        Thread.sleep(SETTLE_MILLIS);
        ChainMeters.Reading before = meters.read();
        Thread.sleep((long) (idleSeconds * 1000));
        return new Idle(before, meters.read());
    }

    private Phase measure(String name, WebhookLoad load, ChainMeters meters, WebhookLoad.Updates updates,
                          long firstUser) throws InterruptedException {
        WebhookLoad.Result warm = load.forNanos(concurrency, firstUser, users, updates, (long) (warmup * 1e9));
        assertThat(warm.failures()).as(name + " warm-up failures: " + warm.failureKinds()).isZero();
        Thread.sleep(SETTLE_MILLIS);
        StatementCounter.reset();
        ChainMeters.Reading before = meters.read();
        // for a profile of one phase: a recording's samples between these two lines are that phase's
        System.out.printf("phase %s measured from %s%n", name, java.time.Instant.now());
        WebhookLoad.Result result = load.forNanos(concurrency, firstUser, users, updates, (long) (seconds * 1e9));
        System.out.printf("phase %s measured until %s%n", name, java.time.Instant.now());
        Thread.sleep(SETTLE_MILLIS);
        ChainMeters.Reading after = meters.read();
        return new Phase(name, result, before, after, null);
    }

    /** Every flow user at the phone step: {@code /signup}, then a name, through the webhook. */
    private void prepareSignups(ConfigurableApplicationContext context, WebhookLoad load) throws InterruptedException {
        WebhookLoad.Result signup = load.count(concurrency, FLOW_USERS, users,
                (id, user) -> message(id, user, "/signup", true), users);
        WebhookLoad.Result named = load.count(concurrency, FLOW_USERS, users,
                (id, user) -> message(id, user, "Bench Volunteer", false), users);
        assertThat(signup.failures() + named.failures() + signup.skipped() + named.skipped())
                .as("sign-up preparation failures and skipped users").isZero();
        for (int i = 0; i < users; i++) {
            assertThat(InboundBenchmarkAccess.storedFlowStep(context, FLOW_USERS + i, FLOW_USERS + i))
                    .as("conversation of flow user " + i).isEqualTo("signup/AskPhone");
        }
    }

    private static String help(long updateId, long user) {
        return message(updateId, user, "/help", true);
    }

    private static String wrongPhone(long updateId, long user) {
        return message(updateId, user, "12", false);
    }

    private static String message(long updateId, long user, String text, boolean command) {
        String entities = command ? ",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":" + text.length() + "}]" : "";
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (updateId % 1_000_000_000L)
                + ",\"date\":" + (System.currentTimeMillis() / 1000) + ",\"from\":{\"id\":" + user
                + ",\"is_bot\":false,\"first_name\":\"Ana\",\"language_code\":\"en\"},\"chat\":{\"id\":" + user
                + ",\"type\":\"private\",\"first_name\":\"Ana\"},\"text\":\"" + text + "\"" + entities + "}}";
    }

    // ---- memory

    private Memory memory(ConfigurableApplicationContext context, ChainMeters meters) throws Exception {
        String step = InboundBenchmarkAccess.storedFlowStep(context, FLOW_USERS, FLOW_USERS);
        long heapBefore = heapAfterGc();
        long redisBefore = meters.usedMemory();
        InboundBenchmarkAccess.copyConversation(context, FLOW_USERS, FLOW_USERS, MEMORY_USERS, conversations, 4);
        long redisAfter = meters.usedMemory();
        long heapAfter = heapAfterGc();

        long dedupeBefore = meters.usedMemory();
        InboundBenchmarkAccess.markHandled(context, DEDUPE_IDS, dedupeUpdates, 4);
        long dedupeAfter = meters.usedMemory();
        int sample = Math.min(1000, Math.min(conversations, dedupeUpdates));
        List<String> conversationKeys = new ArrayList<>();
        List<String> claimKeys = new ArrayList<>();
        for (int i = 0; i < sample; i++) {
            conversationKeys.addAll(InboundBenchmarkAccess.conversationKeys(MEMORY_USERS + (long) i * conversations / sample));
            claimKeys.add(InboundBenchmarkAccess.updateKey(DEDUPE_IDS + (long) i * dedupeUpdates / sample));
        }
        double conversationUsage = meters.memoryUsage(conversationKeys) / (double) sample;
        // done marks are bits of bitmaps of 65,536 ids each: their blocks' MEMORY USAGE over the updates
        List<String> doneKeys = InboundBenchmarkAccess.doneMarkKeys(DEDUPE_IDS, dedupeUpdates);
        double markerUsage = meters.memoryUsage(doneKeys) / (double) dedupeUpdates;
        assertThat(meters.memoryUsage(claimKeys)).as("claim keys left after the updates were marked done").isZero();
        return new Memory(conversations, redisAfter - redisBefore, heapAfter - heapBefore, dedupeUpdates,
                dedupeAfter - dedupeBefore, step, context.getEnvironment().getProperty("muster.dispatch.done-marker", "26h"),
                conversationUsage, markerUsage);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- report

    private String report(List<Phase> phases, Memory memory, List<String> idles, Map<String, RedisRoundTrips.Counted> roundTrips,
                          String servers) throws IOException {
        Phase echo = phases.get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nINBOUND BENCHMARK: webhook mode, closed loop of %d concurrent senders, %d users, "
                + "%.0f s measured after %.0f s warm-up per phase%n", concurrency, users, seconds, warmup));
        out.append(String.format(Locale.ROOT, "machine: %d cores (nproc), %s; Java %s; %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"), servers));
        out.append("pacing on with raised limits (1,000,000/s for the bot, 1,000/s per chat); the echo baseline's pacer asks no Redis; "
                + "dispatch workers, sender threads and Tomcat as configured by default; sender facts kept in Redis 5 s as shipped "
                + "(muster.dispatch.sender-facts), each of the 2,000 users writing about once a second\n\n");
        out.append(String.format(Locale.ROOT, "%-44s", "per phase"));
        for (Phase phase : phases) {
            out.append(String.format(Locale.ROOT, "%14s", phase.name()));
            if (phase != echo) {
                out.append(String.format(Locale.ROOT, "%9s", "x echo"));
            }
        }
        out.append('\n');
        row(out, phases, "updates measured", p -> (double) p.load().updates(), "%.0f", false);
        row(out, phases, "updates/s", p -> p.load().perSecond(), "%.0f", true);
        row(out, phases, "latency p50 (ms)", p -> p.load().percentileMillis(0.50), "%.2f", true);
        row(out, phases, "latency p99 (ms)", p -> p.load().percentileMillis(0.99), "%.2f", true);
        row(out, phases, "latency max (ms)", p -> p.load().percentileMillis(1.0), "%.2f", true);
        row(out, phases, "failures (no answer in 30 s, not HTTP 200)", p -> (double) p.load().failures(), "%.0f", false);
        row(out, phases, "users skipped (their last update still out)", p -> (double) p.load().skipped(), "%.0f", false);
        row(out, phases, "Redis commands/update", Phase::redis, "%.2f", false);
        Set<String> commands = new TreeSet<>();
        for (Phase phase : phases) {
            phase.redisByCommand().forEach((command, perUpdate) -> {
                if (Math.abs(perUpdate) >= 0.01) {
                    commands.add(command);
                }
            });
        }
        for (String command : commands) {
            row(out, phases, "  " + command, p -> p.redisByCommand().getOrDefault(command, 0.0), "%.2f", false);
        }
        row(out, phases, "PostgreSQL transactions/update", p -> p.postgresRaw("xact_commit", "xact_rollback"), "%.2f", false);
        row(out, phases, "  less the idle rate", p -> p.postgres("xact_commit", "xact_rollback"), "%.2f", false);
        row(out, phases, "  JDBC statements/update (workers)", Phase::workerStatements, "%.2f", false);
        row(out, phases, "  JDBC commits/update (workers)", Phase::workerCommits, "%.2f", false);
        row(out, phases, "  JDBC statements/update (all threads)", Phase::allStatements, "%.2f", false);
        row(out, phases, "  rows fetched/update", p -> p.postgresRaw("tup_fetched"), "%.1f", false);
        row(out, phases, "  rows written/update", p -> p.postgresRaw("tup_inserted", "tup_updated", "tup_deleted"), "%.2f", false);
        row(out, phases, "CPU ms/update: JVM (less the harness)", Phase::jvmMillis, "%.3f", true);
        row(out, phases, "CPU ms/update: Redis", Phase::redisMillis, "%.3f", false);
        row(out, phases, "CPU ms/update: PostgreSQL", Phase::postgresMillis, "%.3f", false);
        row(out, phases, "CPU ms/update: chain total", Phase::chainMillis, "%.3f", true);
        row(out, phases, "CPU ms/update: harness (not counted above)", Phase::harnessMillis, "%.3f", false);
        row(out, phases, "TCP segments/update (machine-wide)", Phase::tcpSegments, "%.1f", true);
        row(out, phases, "sendMessage calls/update", Phase::sendMessages, "%.2f", false);
        row(out, phases, "Bot API calls/update", Phase::botApiCalls, "%.2f", false);
        out.append(String.format(Locale.ROOT, "%nRedis round trips/update (MONITOR, %d updates one at a time after the phases; INFO commandstats "
                + "above also counts what a script runs inside its EVALSHA):%n", ROUND_TRIP_UPDATES));
        roundTrips.forEach((phase, counted) -> out.append(String.format(Locale.ROOT, "  %-14s %.2f in all, %.2f of them the pacer's (muster:rate:*), "
                        + "%.2f the rest; by command: %s (%d PINGs of the pool's idle test left out)%n", phase,
                counted.total() / (double) ROUND_TRIP_UPDATES, counted.pacer() / (double) ROUND_TRIP_UPDATES,
                (counted.total() - counted.pacer()) / (double) ROUND_TRIP_UPDATES, perUpdate(counted.byCommand()), counted.idlePings())));
        out.append("\nidle rates of each context, taken out of the Redis command and TCP figures and where it says so; not out of "
                + "the CPU figures\n(a JVM's idle CPU after a warm-up is mostly the JIT compiler catching up, PostgreSQL's partly autovacuum):\n");
        idles.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append(String.format(Locale.ROOT, "%nmemory at %,d live conversations (sign-up, %s; state + idle-marker keys, "
                        + "written through the conversation store):%n", memory.conversations(), memory.conversationStep()));
        out.append(String.format(Locale.ROOT, "  Redis used_memory: %,d B per conversation (%,d B in all); MEMORY USAGE of both keys: "
                + "%.0f B%n", memory.redisBytes() / memory.conversations(), memory.redisBytes(), memory.conversationUsage()));
        out.append(String.format(Locale.ROOT, "  JVM heap after System.gc(): %,d B per conversation (%,d B in all)%n",
                memory.heapBytes() / memory.conversations(), memory.heapBytes()));
        out.append(String.format(Locale.ROOT, "dedupe: %,d updates claimed and marked done: Redis used_memory %.2f B per update, "
                + "MEMORY USAGE of the done-mark bitmaps %.3f B per update (a bit each, in blocks of 65,536 ids of at most 8 KiB, "
                + "each kept muster.dispatch.done-marker = %s after its last mark; no key per update is left)%n", memory.dedupeUpdates(),
                memory.dedupeBytes() / (double) memory.dedupeUpdates(), memory.markerUsage(), memory.doneMarker()));
        out.append("  (used_memory deltas include a step of the key table when its size doubles, 8 B per slot, and lose the "
                + "rate-bucket keys that expire meanwhile: between runs they differ by tens of bytes per key)\n");
        return out.toString();
    }

    private static String perUpdate(Map<String, Integer> byCommand) {
        StringBuilder out = new StringBuilder();
        byCommand.forEach((command, calls) -> out.append(out.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", command, calls / (double) ROUND_TRIP_UPDATES)));
        return out.toString();
    }

    private interface Figure {
        double of(Phase phase);
    }

    private static void row(StringBuilder out, List<Phase> phases, String label, Figure figure, String format, boolean ratio) {
        Phase echo = phases.get(0);
        double base = figure.of(echo);
        out.append(String.format(Locale.ROOT, "%-44s", label));
        for (Phase phase : phases) {
            double value = figure.of(phase);
            out.append(String.format(Locale.ROOT, "%14s", String.format(Locale.ROOT, format, value)));
            if (phase != echo) {
                String times = ratio && base != 0 && Double.isFinite(value / base)
                        ? String.format(Locale.ROOT, "%.2f", value / base) : "";
                out.append(String.format(Locale.ROOT, "%9s", times));
            }
        }
        out.append('\n');
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }
}
