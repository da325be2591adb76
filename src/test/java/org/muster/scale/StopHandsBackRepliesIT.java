package org.muster.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.jar.JarProcess;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import redis.clients.jedis.Jedis;

/**
 * A rolling restart stops an instance (SIGTERM) while an update's replies wait in its outbound queue
 * (here: the chat is flood-limited). Two instances of the shipped jar in webhook mode, a Bot API
 * stand-in delivering as Telegram does. The stopping instance must not drop those replies, nor answer
 * the webhook 200 for them: it hands them back (they stay kept in Redis) and answers otherwise, so
 * Telegram delivers the update again; the other instance sends them, once each and in their order,
 * and the update is not handled a second time. Before this, a reply given up at shutdown was removed
 * from Redis and the update answered 200: lost. A later marker proves nothing else came.
 */
class StopHandsBackRepliesIT {

    private static final String TOKEN = "7100000001:AAhandBackTestToken";
    private static final String SECRET = "hand-back-secret-9b2e";
    private static final long USER = 8_400_000_001L;

    /** The jars' environment: a database and a Redis database of their own, the stand-in as Telegram. */
    private static Map<String, String> environment(String name, int redisDatabase, FakeTelegram telegram, int webhookPort) {
        DriverManagerDataSource database = TestServers.freshDatabase(name);
        String redisUrl = TestServers.redisUrl().replaceFirst("/\\d*$", "") + "/" + redisDatabase;
        try (Jedis redis = new Jedis(URI.create(redisUrl))) {
            redis.flushDB();
        }
        String url = database.getUrl();
        if (database.getUsername() != null && !url.contains("user=")) {
            url += (url.contains("?") ? "&" : "?") + "user=" + database.getUsername()
                    + (database.getPassword() == null || database.getPassword().isEmpty() ? "" : "&password=" + database.getPassword());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_DATASOURCE_URL", url);
        environment.put("MUSTER_REDIS_URL", redisUrl);
        environment.put("MUSTER_TELEGRAM_TOKEN", TOKEN);
        environment.put("MUSTER_TELEGRAM_API_URL", "http://127.0.0.1:" + telegram.port());
        environment.put("MUSTER_TELEGRAM_MODE", "webhook");
        environment.put("MUSTER_TELEGRAM_WEBHOOK_URL", "http://127.0.0.1:" + webhookPort + "/telegram/webhook");
        environment.put("MUSTER_TELEGRAM_WEBHOOK_SECRET", SECRET);
        environment.put("MUSTER_TIME_ZONE", "Asia/Shanghai");
        return environment;
    }

    private static final String[] ARGUMENTS = {
            // the stopping instance's drain is shortened from 30 s; its sender keeps trying for 10 s more
            "--spring.lifecycle.timeout-per-shutdown-phase=5s",
            // a flood-limited chat waits out many 429s instead of giving up on the reply
            "--muster.telegram.retry.max-rate-limit-waits=100"};

    private static String[] arguments(String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(ARGUMENTS), java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    /** Until the stand-in saw a send of the chat refused for its flood limit. */
    private static void awaitFloodRefusal(FakeTelegram telegram) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (telegram.floodRefusals() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(telegram.floodRefusals()).as("A tried to send the reply").isPositive();
    }

    @Test
    void repliesAStoppingInstanceCouldNotSendAreSentOnceAndInOrderByTheNext() throws Exception {
        int portA = JarProcess.freePort();
        int portB = JarProcess.freePort();
        try (FakeTelegram telegram = new FakeTelegram(TOKEN, SECRET)) {
            Map<String, String> environment = environment("handback", 7, telegram, portA);
            String[] arguments = ARGUMENTS;
            JarProcess a = JarProcess.start(portA, JarProcess.freePort(), environment, arguments);
            JarProcess b = null;
            try {
                a.awaitReady(Duration.ofSeconds(120));
                telegram.deliverTo(URI.create("http://127.0.0.1:" + portA + "/telegram/webhook"));
                FakeTelegram.Chat chat = telegram.chat(USER);

                // what /start brings: a greeting, then the commands
                telegram.say(USER, USER, "/start");
                assertThat(chat.await(0, m -> m.size() >= 2, Duration.ofSeconds(30))).as("the first /start answered").isTrue();
                List<String> start = texts(chat.botMessagesFrom(0));
                assertThat(start).hasSize(2);

                b = JarProcess.start(portB, JarProcess.freePort(), environment, arguments);
                b.awaitReady(Duration.ofSeconds(120));

                // the chat is flood-limited: the second /start's replies wait in A's queue, the webhook call waits for them
                telegram.flood(USER, true);
                telegram.say(USER, USER, "/start");
                long update = chat.updateIds.get(chat.updateIds.size() - 1);
                awaitFloodRefusal(telegram);

                // Telegram's next delivery of the update goes to B; A is stopped as a rolling restart does
                JarProcess stopped = a;
                a = null;
                Stopped result = stopThenLift(stopped, portB, telegram, chat, update, "handed-back");
                String logA = result.logA();
                System.out.printf("%nStopHandsBackRepliesIT: SIGTERM to exit %.1f s; deliveries of the update: %s; bot messages after it: %d%n%n",
                        result.stopSeconds(), telegram.deliveriesOf(update), result.after().size());
                assertThat(result.after()).as("the second /start's two replies once each, in order, then the marker's one")
                        .hasSize(3).startsWith(start.get(0), start.get(1));
                assertThat(telegram.deliveriesOf(update)).as("A did not answer it 200").hasSizeGreaterThanOrEqualTo(2)
                        .first().asString().doesNotStartWith("200");
                assertThat(telegram.deliveriesOf(update).get(telegram.deliveriesOf(update).size() - 1)).startsWith("200");
                assertThat(logA).contains("update " + update + ": 2 of its replies not sent before this instance stopped; handed back");
                assertThat(b.log()).contains("update " + update + " was handled by an instance that stopped before sending 2 of its replies");
            } finally {
                if (a != null) {
                    a.close();
                }
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    /**
     * The same, but the replies wait longer than {@code muster.dispatch.replies-wait} (here 2 s): the
     * webhook answers 200 without them, so Telegram will not deliver the update again. Stopped then, A
     * abandons them in Redis, and B sends them, once each and in order, though no delivery came. Before,
     * they were kept in Redis until they ran out: lost.
     */
    @Test
    void repliesOfAnUpdateAnsweredBeforeTheyLeftAreSentByAnotherInstanceWhenTheFirstStops() throws Exception {
        int portA = JarProcess.freePort();
        int portB = JarProcess.freePort();
        try (FakeTelegram telegram = new FakeTelegram(TOKEN, SECRET)) {
            Map<String, String> environment = environment("abandoned", 8, telegram, portA);
            JarProcess a = JarProcess.start(portA, JarProcess.freePort(), environment, arguments("--muster.dispatch.replies-wait=2s"));
            JarProcess b = JarProcess.start(portB, JarProcess.freePort(), environment, ARGUMENTS);
            try {
                a.awaitReady(Duration.ofSeconds(120));
                b.awaitReady(Duration.ofSeconds(120));
                telegram.deliverTo(URI.create("http://127.0.0.1:" + portA + "/telegram/webhook"));
                FakeTelegram.Chat chat = telegram.chat(USER);
                telegram.say(USER, USER, "/start");
                assertThat(chat.await(0, m -> m.size() >= 2, Duration.ofSeconds(30))).as("the first /start answered").isTrue();
                List<String> start = texts(chat.botMessagesFrom(0));

                // flood-limited: A's webhook call for the second /start is answered 200 after 2 s, the replies still queued
                telegram.flood(USER, true);
                telegram.say(USER, USER, "/start");
                long update = chat.updateIds.get(chat.updateIds.size() - 1);
                awaitFloodRefusal(telegram);
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (telegram.deliveriesOf(update).isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertThat(telegram.deliveriesOf(update)).as("A answered the update while its replies waited").hasSize(1)
                        .first().asString().startsWith("200");
                assertThat(chat.botMessagesFrom(2)).as("nothing sent yet").isEmpty();

                JarProcess stopped = a;
                a = null;
                Stopped result = stopThenLift(stopped, portB, telegram, chat, update, "abandoned");
                String logA = result.logA();
                System.out.printf("%nStopHandsBackRepliesIT (answered before they left): SIGTERM to exit %.1f s; the replies sent by B "
                        + "%.1f s after; deliveries of the update: %s; bot messages after it: %d%n%n", result.stopSeconds(),
                        result.sentSeconds(), telegram.deliveriesOf(update), result.after().size());
                assertThat(result.after()).as("the second /start's two replies once each, in order, then the marker's one")
                        .hasSize(3).startsWith(start.get(0), start.get(1));
                assertThat(telegram.deliveriesOf(update)).as("Telegram did not deliver it again").hasSize(1);
                assertThat(logA).contains("update " + update + ": 2 of its replies not sent before this instance stopped")
                        .contains("update " + update + ": its webhook call had been answered before then");
                assertThat(b.log()).contains("update " + update + ": sending the 2 replies an instance that stopped had left");
            } finally {
                if (a != null) {
                    a.close();
                }
                b.close();
            }
        }
    }

    /** A's log; how long its SIGTERM took, and B's sending the replies after the flood was lifted; the bot's messages since. */
    private record Stopped(String logA, double stopSeconds, double sentSeconds, List<String> after) {
    }

    /**
     * Later deliveries go to B; A is stopped (SIGTERM, as a rolling restart does); then the chat's flood
     * limit is lifted, B is to send the update's two replies, and a marker (/help) is answered after them.
     */
    private static Stopped stopThenLift(JarProcess a, int portB, FakeTelegram telegram, FakeTelegram.Chat chat, long update, String what)
            throws Exception {
        telegram.deliverTo(URI.create("http://127.0.0.1:" + portB + "/telegram/webhook"));
        long stopping = System.nanoTime();
        String logA = stoppedLog(a);
        double stopSeconds = (System.nanoTime() - stopping) / 1e9;
        long lifted = System.nanoTime();
        telegram.flood(USER, false);
        assertThat(chat.await(2, m -> m.size() >= 2, Duration.ofSeconds(60)))
                .as("the %s replies sent by B; deliveries of update %d: %s", what, update, telegram.deliveriesOf(update)).isTrue();
        double sentSeconds = (System.nanoTime() - lifted) / 1e9;
        telegram.say(USER, USER, "/help");
        assertThat(chat.await(4, m -> m.size() >= 1, Duration.ofSeconds(30))).as("the marker answered").isTrue();
        return new Stopped(logA, stopSeconds, sentSeconds, texts(chat.botMessagesFrom(2)));
    }

    /** SIGTERM and the wait for the exit; then the log, which close() keeps in target/jar-logs. */
    private static String stoppedLog(JarProcess process) throws java.io.IOException {
        process.close();
        return java.nio.file.Files.readString(java.nio.file.Path.of("target", "jar-logs", process.workDir().getFileName() + ".log"));
    }

    private static List<String> texts(List<FakeTelegram.Message> messages) {
        return messages.stream().map(m -> m.text).toList();
    }
}
