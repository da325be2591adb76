package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.muster.MusterApplication;
import org.muster.conversation.ChatKind;
import org.muster.conversation.ChatRef;
import org.muster.conversation.CommandCall;
import org.muster.conversation.ConversationStoreAccess;
import org.muster.conversation.Dispatcher;
import org.muster.conversation.Inbound;
import org.muster.conversation.Sender;
import org.muster.support.RedisProcesses;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.muster.telegram.PacerAccess;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import redis.clients.jedis.Jedis;
import tools.jackson.databind.JsonNode;

/**
 * What both failover tests do with a running Muster: flows before the primary is killed, the kill, and
 * the same flows after the promotion, with everything PostgreSQL held before still there.
 *
 * <p>The replica is brought level with the primary ({@code WAIT}) just before the kill: Redis replicates
 * asynchronously, so what the primary acknowledged in its last moments can be lost with it (a
 * conversation a step back, an update's done mark). That is Redis' guarantee, not Muster's to improve;
 * the test shows that with the replica level nothing is lost and that the flows go on.
 */
final class RedisFailoverScenario {

    /** Private chats may send 20 a second here, so the flows are not slowed; the direct acquires below empty a bucket. */
    private static final int PRIVATE_BURST = 20;

    interface Deployment {
        /** The primary that holds Muster's keys now (after a failover: the promoted replica). */
        RedisProcesses.Node primary();

        /** Muster's key prefix in this deployment. */
        String prefix();

        /** What the health component calls it. */
        String mode();
    }

    private RedisFailoverScenario() {
    }

    static ConfigurableApplicationContext start(String database, String... redis) {
        List<String> args = new ArrayList<>(List.of("--muster.embedded.database-name=" + database,
                "--muster.redis.timeout=2s",
                "--muster.telegram.pacing.enabled=true", "--muster.telegram.pacing.private-per-second=" + PRIVATE_BURST,
                "--muster.telegram.pacing.private-burst=" + PRIVATE_BURST, "--muster.telegram.pacing.global-per-second=1000",
                "--muster.telegram.pacing.global-burst=1000"));
        args.addAll(List.of(redis));
        if (args.stream().noneMatch(arg -> arg.startsWith("--muster.redis.url="))) {
            // not MUSTER_TEST_REDIS_URL's server, nor the embedded one: the cluster alone (one option each,
            // since a repeated one is read as the values joined by commas)
            args.add("--muster.redis.url=");
        }
        return new SpringApplicationBuilder(MusterApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    static void run(String name, ConfigurableApplicationContext app, Deployment redis) throws Exception {
        SandboxClient sandbox = new SandboxClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        Volunteering volunteering = new Volunteering(sandbox);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        Dispatcher dispatcher = app.getBean(Dispatcher.class);
        long base = ThreadLocalRandom.current().nextLong(10_000_000_000L, 20_000_000_000L);
        long signedUp = base;
        long halfway = base + 1;
        long linguist = base + 2;
        long ticker = base + 3;
        long newcomer = base + 4;
        for (long user : List.of(signedUp, halfway, linguist, ticker, newcomer)) {
            sandbox.createUser(user, "U" + (user - base), "zh-hans");
        }

        // before: a whole sign-up, one asked for the name, a language chosen, an update handled once
        assertThat(volunteering.signUp(signedUp, "王芳", "13900139101")).contains("报名成功");
        long halfwayChat = sandbox.privateChat(halfway);
        volunteering.next(halfwayChat, sandbox.say(halfwayChat, halfway, "/start signup"), "真实姓名");
        long linguistChat = sandbox.privateChat(linguist);
        sandbox.nextBotMessage(linguistChat, sandbox.say(linguistChat, linguist, "/lang"));
        int chosen = sandbox.say(linguistChat, linguist, "English");
        assertThat(sandbox.nextBotMessage(linguistChat, chosen).path("text").asString()).startsWith("OK, I will talk to you in English");
        long updateId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41);
        int beforeOnce = lastMessageId(sandbox, linguistChat);
        dispatcher.submit(help(updateId, linguist)).get(20, TimeUnit.SECONDS);
        assertThat(sandbox.botMessagesUntil(linguistChat, beforeOnce, Duration.ofSeconds(10), l -> !l.isEmpty()).get(0)
                .path("text").asString()).contains("Commands you can use");
        List<Map<String, Object>> recorded = jdbc.sql("select telegram_user_id, real_name, phone, area_code, consent_at from volunteer order by id")
                .query().listOfRows();
        assertThat(recorded).anySatisfy(row -> assertThat(row.get("telegram_user_id")).isEqualTo(signedUp));

        // the replica level with the primary: what Redis promises to keep across a failover
        try (Jedis primary = redis.primary().connect()) {
            primary.set(redis.prefix() + "failover-test", "level");
            assertThat(primary.waitReplicas(1, 5000)).as("replicas that acknowledged every write").isEqualTo(1);
        }

        // a user who keeps asking, so that the outage is met and its end seen as it would be by anyone
        long tickerChat = sandbox.privateChat(ticker);
        AtomicBoolean ticking = new AtomicBoolean(true);
        AtomicLong slowestAnswerNanos = new AtomicLong();
        AtomicLong answeredAfterKill = new AtomicLong();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        Thread tick = new Thread(() -> {
            while (ticking.get()) {
                long sent = System.nanoTime();
                try {
                    sandbox.botMessagesUntil(tickerChat, sandbox.say(tickerChat, ticker, "/help"), Duration.ofSeconds(40), l -> !l.isEmpty());
                    long took = System.nanoTime() - sent;
                    slowestAnswerNanos.accumulateAndGet(took, Math::max);
                    if (sent > killedAt.get()) {
                        answeredAfterKill.incrementAndGet();
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError e) {
                    // asked again
                }
            }
        }, "failover-ticker");
        tick.start();
        RedisFailoverScenario.awaitTrue("the ticker is answered", Duration.ofSeconds(20), () -> slowestAnswerNanos.get() > 0);

        double handledBefore = count(meters, "handled");
        double unavailableBefore = count(meters, "unavailable");
        RedisProcesses.Node killed = redis.primary();
        killedAt.set(System.nanoTime());
        killed.kill();
        long kill = System.nanoTime();
        long firstFailure = 0;
        long firstSuccessAfterFailure = 0;
        long firstSuccessAfterKill = 0;
        double handledAtKill = handledBefore;
        long deadline = kill + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline && (firstSuccessAfterKill == 0 || answeredAfterKill.get() == 0)) {
            double unavailable = count(meters, "unavailable");
            double handled = count(meters, "handled");
            long now = System.nanoTime();
            if (firstFailure == 0 && unavailable > unavailableBefore) {
                firstFailure = now;
                handledAtKill = handled;
            }
            if (firstFailure != 0 && firstSuccessAfterFailure == 0 && handled > handledAtKill) {
                firstSuccessAfterFailure = now;
            }
            if (firstSuccessAfterKill == 0 && handled > handledBefore + 1) {
                // one more than may have been in flight at the kill
                firstSuccessAfterKill = now;
            }
            Thread.sleep(10);
        }
        ticking.set(false);
        tick.interrupt();
        tick.join(10_000);
        assertThat(answeredAfterKill.get()).as("an update sent after the kill was answered").isPositive();
        RedisProcesses.Node promoted = redis.primary();
        assertThat(promoted.port).as("a replica took over").isNotEqualTo(killed.port);
        System.out.printf(Locale.ROOT, "[redis failover] %s: primary %d killed, %d took over; as Muster saw it: %s; first update handled "
                        + "%.2f s after the kill; slowest /help answer during the test %.2f s%n", name, killed.port, promoted.port,
                firstFailure == 0 ? "no update failed (Jedis' retries covered the failover)"
                        : String.format(Locale.ROOT, "first failing update %.2f s after the kill, first succeeding update %.2f s after that",
                        seconds(firstFailure - kill), firstSuccessAfterFailure == 0 ? Double.NaN : seconds(firstSuccessAfterFailure - firstFailure)),
                firstSuccessAfterKill == 0 ? Double.NaN : seconds(firstSuccessAfterKill - kill), seconds(slowestAnswerNanos.get()));

        // after: the half-done sign-up goes on from where it was, a new one runs, the language is still known
        assertThat(volunteering.answerSignup(halfway, "赵磊", "13900139102")).contains("报名成功");
        assertThat(volunteering.signUp(newcomer, "孙丽", "13900139103")).contains("报名成功");
        int help = sandbox.say(linguistChat, linguist, "/help");
        assertThat(sandbox.nextBotMessage(linguistChat, help).path("text").asString()).contains("Commands you can use");

        // the update handled before the kill is still known as handled: given again, it is skipped ...
        double duplicates = count(meters, "duplicate");
        int beforeAgain = lastMessageId(sandbox, linguistChat);
        dispatcher.submit(help(updateId, linguist)).get(20, TimeUnit.SECONDS);
        assertThat(count(meters, "duplicate")).as("skipped as a duplicate").isEqualTo(duplicates + 1);
        // ... which a later message proves: only its answer comes after
        int marker = sandbox.say(linguistChat, linguist, "/help");
        sandbox.nextBotMessage(linguistChat, marker);
        assertThat(sandbox.messages(linguistChat, beforeAgain).stream().filter(m -> "bot".equals(m.path("from").asString())).count())
                .as("bot messages after the duplicate").isEqualTo(1);

        // the pacer's buckets work on the new primary: a private chat's burst is taken, then it must wait
        long quietChat = base + 99;
        for (int i = 0; i < PRIVATE_BURST; i++) {
            assertThat(PacerAccess.tryAcquire(app, quietChat)).as("token %d", i + 1).isZero();
        }
        assertThat(PacerAccess.tryAcquire(app, quietChat)).as("past the burst").isPositive();
        try (Jedis primary = promoted.connect()) {
            assertThat(primary.pttl(redis.prefix() + "rate:tat:" + quietChat)).as("the bucket, on the promoted primary").isPositive();
        }

        // the scans of an erasure and of a sandbox reset find their keys (under a cluster: on the slot's primary)
        sandbox.nextBotMessage(linguistChat, sandbox.say(linguistChat, linguist, "/lang"));
        sandbox.nextBotMessage(tickerChat, sandbox.say(tickerChat, ticker, "/lang"));
        try (Jedis primary = promoted.connect()) {
            assertThat(primary.exists(ConversationStoreAccess.key(app, linguistChat, linguist))).as("a conversation open").isTrue();
            assertThat(ConversationStoreAccess.removeAllOf(app, linguist)).as("removed for an erasure").isPositive();
            assertThat(primary.exists(ConversationStoreAccess.key(app, linguistChat, linguist))).isFalse();
            assertThat(ConversationStoreAccess.removeAllIn(app, tickerChat)).as("removed by a reset").isPositive();
            assertThat(primary.exists(ConversationStoreAccess.key(app, tickerChat, ticker))).isFalse();
        }

        // PostgreSQL: everything recorded before the kill is still there, and the two new sign-ups beside it
        List<Map<String, Object>> now = jdbc.sql("select telegram_user_id, real_name, phone, area_code, consent_at from volunteer order by id")
                .query().listOfRows();
        assertThat(now).containsAll(recorded);
        assertThat(now.stream().map(row -> row.get("telegram_user_id")).toList()).contains(halfway, newcomer);

        // health: UP with the killed primary still gone (a cluster-wide PING would fail on it)
        assertThat(killed.alive()).isFalse();
        JsonNode health = new SandboxClient(Integer.parseInt(app.getEnvironment().getProperty("local.management.port")))
                .get("/actuator/health").path("components").path("redis");
        assertThat(health.path("status").asString()).as("%s", health).isEqualTo("UP");
        assertThat(health.path("details").path("mode").asString()).isEqualTo(redis.mode());
    }

    private static Inbound help(long updateId, long user) {
        return new Inbound.Text(updateId, new ChatRef(user, ChatKind.PRIVATE, null), new Sender(user, "U", null, null, "zh-hans", false),
                900_000 + (int) (updateId % 1000), "/help", new CommandCall("help", "", true), null, null, false, List.of());
    }

    private static int lastMessageId(SandboxClient sandbox, long chat) {
        JsonNode last = sandbox.lastBotMessage(chat);
        return last == null || last.isMissingNode() ? 0 : last.path("message_id").asInt();
    }

    private static double count(MeterRegistry meters, String outcome) {
        return meters.find("muster.updates").tag("outcome", outcome).timers().stream().mapToDouble(Timer::count).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        RedisProcesses.awaitTrue(what, timeout, condition);
    }
}
