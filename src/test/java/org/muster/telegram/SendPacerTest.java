package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;
import redis.embedded.RedisServer;

/**
 * The pacer's script against a Redis server of its own (so that {@code INFO commandstats} counts only
 * this test): bursts, the bot's budget shared by two instances, pauses, a script cache lost, and one
 * command per message.
 */
class SendPacerTest {

    private static RedisServer server;
    private static String url;
    private final List<JedisPooled> clients = new ArrayList<>();
    private JedisPooled redis;

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"").setting("appendonly no").build();
        server.start();
        url = "redis://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopRedis() throws IOException {
        server.stop();
    }

    @BeforeEach
    void connect() {
        redis = client();
        redis.flushAll();
    }

    @AfterEach
    void close() {
        clients.forEach(JedisPooled::close);
    }

    private JedisPooled client() {
        JedisPooled client = new JedisPooled(URI.create(url));
        clients.add(client);
        return client;
    }

    private static TelegramProperties.Pacing pacing(int globalPerSecond, int globalBurst, int privatePerSecond, int privateBurst,
                                                    int groupPerMinute, int groupBurst) {
        return new TelegramProperties.Pacing(true, globalPerSecond, globalBurst, privatePerSecond, privateBurst, groupPerMinute, groupBurst);
    }

    private SendPacer pacer(JedisPooled client, TelegramProperties.Pacing pacing) {
        TelegramProperties properties = new TelegramProperties("1:test", URI.create("http://127.0.0.1:1"), TelegramProperties.Mode.POLLING,
                null, null, "/telegram/webhook", new TelegramProperties.Polling(Duration.ofSeconds(1), 100, 1000), pacing,
                new TelegramProperties.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10), 1), 4);
        return new SendPacer(client, properties);
    }

    private SendPacer defaults() {
        return pacer(redis, new TelegramProperties.Pacing(true, 30, 5, 1, 3, 20, 20));
    }

    @Test
    void aPrivateChatGetsItsBurstAtOnceThenWaitsForTheNextTokenAndTheMargin() {
        SendPacer pacer = defaults();

        for (int i = 0; i < 3; i++) {
            assertThat(pacer.tryAcquire(101)).as("message %d of the burst", i).isZero();
        }
        Duration wait = pacer.tryAcquire(101);

        // one token a second, plus the 100 ms margin, less the time the burst took
        assertThat(wait).isBetween(Duration.ofMillis(800), Duration.ofMillis(1100));
        assertThat(pacer.tryAcquire(102)).as("another chat is not held up").isZero();
    }

    @Test
    void aGroupGetsTwentyAMinute() {
        SendPacer pacer = pacer(redis, pacing(1000, 1000, 1, 3, 20, 20));

        for (int i = 0; i < 20; i++) {
            assertThat(pacer.tryAcquire(-500)).as("message %d of the burst", i).isZero();
        }
        Duration wait = pacer.tryAcquire(-500);

        assertThat(wait).isBetween(Duration.ofMillis(2700), Duration.ofMillis(3100));
    }

    @Test
    void twoInstancesShareTheBotsBudget() {
        SendPacer one = pacer(client(), pacing(1, 5, 100, 100, 6000, 100));
        SendPacer other = pacer(client(), pacing(1, 5, 100, 100, 6000, 100));

        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if ((i % 2 == 0 ? one : other).tryAcquire(200 + i).isZero()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(5);
        // the bot's bucket is empty: a token a second, no chat margin
        assertThat(one.tryAcquire(300)).isBetween(Duration.ofMillis(700), Duration.ofMillis(1000));
        assertThat(other.tryAcquire(301)).isBetween(Duration.ofMillis(700), Duration.ofMillis(1000));
    }

    @Test
    void racingInstancesNeverTakeMoreThanTheBudget() throws Exception {
        SendPacer one = pacer(client(), pacing(1, 50, 100, 100, 6000, 100));
        SendPacer other = pacer(client(), pacing(1, 50, 100, 100, 6000, 100));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger chats = new AtomicInteger(1000);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SendPacer pacer = t % 2 == 0 ? one : other;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        if (pacer.tryAcquire(chats.incrementAndGet()).isZero()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // 50 at once, then one a second for as long as the race lasted
        assertThat(allowed.get()).isBetween(50, 50 + (int) seconds + 1);
    }

    @Test
    void noTokenIsTakenFromTheBotsBucketWhileTheChatsIsEmpty() {
        SendPacer pacer = pacer(redis, pacing(1, 3, 1, 1, 20, 20));
        assertThat(pacer.tryAcquire(400)).isZero();
        String bot = redis.get("muster:rate:tat:global");

        for (int i = 0; i < 5; i++) {
            assertThat(pacer.tryAcquire(400)).as("the chat's bucket is empty").isPositive();
        }

        assertThat(redis.get("muster:rate:tat:global")).as("the bot's bucket is as it was").isEqualTo(bot);
        assertThat(pacer.tryAcquire(401)).isZero();
        assertThat(pacer.tryAcquire(402)).isZero();
    }

    @Test
    void noTokenIsTakenFromTheChatsBucketWhileTheBotsIsEmpty() {
        SendPacer pacer = pacer(redis, pacing(1, 2, 1, 3, 20, 20));
        assertThat(pacer.tryAcquire(410)).isZero();
        assertThat(pacer.tryAcquire(411)).isZero();

        assertThat(pacer.tryAcquire(412)).as("the bot's bucket is empty").isPositive();

        assertThat(redis.exists("muster:rate:tat:412")).as("the chat's bucket was not touched").isFalse();
    }

    @Test
    void idleBucketsExpireOnceTheyAreFullAgain() {
        SendPacer pacer = pacer(redis, pacing(30, 5, 1, 3, 20, 20));

        pacer.tryAcquire(420);
        pacer.tryAcquire(-420);

        assertThat(redis.pttl("muster:rate:tat:420")).isBetween(1L, 1000L);
        assertThat(redis.pttl("muster:rate:tat:-420")).isBetween(1L, 3000L);
        assertThat(redis.pttl("muster:rate:tat:global")).as("two tokens of 30 a second").isBetween(1L, 67L);
    }

    @Test
    void aPauseHoldsItsChatAndAPauseOfTheBotHoldsEveryChat() {
        SendPacer pacer = defaults();

        pacer.pause(500, Duration.ofSeconds(2));

        assertThat(pacer.tryAcquire(500)).isBetween(Duration.ofMillis(1700), Duration.ofSeconds(2));
        assertThat(pacer.tryAcquire(501)).isZero();
        assertThat(redis.pttl("muster:rate:pause:500")).isBetween(1700L, 2000L);

        pacer.pause(0, Duration.ofSeconds(1));

        assertThat(pacer.tryAcquire(502)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(1));
        assertThat(pacer.tryAcquire(500)).as("the longer of the two").isBetween(Duration.ofMillis(1700), Duration.ofSeconds(2));
    }

    @Test
    void aShorterPauseAnsweredAfterALongerOneDoesNotCutItShort() {
        SendPacer pacer = defaults();

        pacer.pause(530, Duration.ofSeconds(3));
        pacer.pause(530, Duration.ofMillis(500));

        assertThat(pacer.tryAcquire(530)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(3));
        pacer.pause(530, Duration.ofSeconds(5));
        assertThat(pacer.tryAcquire(530)).as("a longer one still extends it").isGreaterThan(Duration.ofMillis(4500));
    }

    @Test
    void pausesAreHonouredWithPacingOff() {
        SendPacer pacer = pacer(redis, new TelegramProperties.Pacing(false, 1, 1, 1, 1, 1, 1));
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.tryAcquire(510)).as("no bucket with pacing off").isZero();
        }

        pacer.pause(510, Duration.ofSeconds(3));
        pacer.pause(0, Duration.ofSeconds(1));

        assertThat(pacer.tryAcquire(510)).isBetween(Duration.ofMillis(2700), Duration.ofSeconds(3));
        assertThat(pacer.tryAcquire(511)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(1));
        assertThat(redis.exists("muster:rate:tat:510")).isFalse();
    }

    /** During a rolling upgrade an older instance still writes "1" with a TTL. */
    @Test
    void aPauseWrittenByAnOlderInstanceIsReadByItsTimeToLive() {
        SendPacer pacer = defaults();

        redis.set("muster:rate:pause:520", "1", SetParams.setParams().px(1500));

        assertThat(pacer.tryAcquire(520)).isBetween(Duration.ofMillis(1200), Duration.ofMillis(1500));
    }

    @Test
    void theScriptIsLoadedAgainWhenRedisHasLostIt() {
        SendPacer pacer = defaults();
        assertThat(pacer.tryAcquire(600)).isZero();

        redis.scriptFlush();
        assertThat(pacer.tryAcquire(600)).isZero();

        redis.scriptFlush();
        pacer.pause(601, Duration.ofSeconds(5));
        assertThat(pacer.tryAcquire(601)).isPositive();

        redis.scriptFlush();
        assertThat(pacer.tryAcquire(600)).isZero();
        assertThat(pacer.tryAcquire(600)).as("the bucket kept counting across the reloads").isPositive();
    }

    @Test
    void oneRedisCommandPerMessage() {
        SendPacer paced = defaults();
        SendPacer unpaced = pacer(redis, new TelegramProperties.Pacing(false, 30, 5, 1, 3, 20, 20));
        paced.tryAcquire(700);
        unpaced.tryAcquire(700);
        Map<String, Long> before = commandStats();

        for (int i = 0; i < 50; i++) {
            paced.tryAcquire(701 + i);
            paced.tryAcquire(-701 - i);
            paced.tryAcquire(700);
            unpaced.tryAcquire(800 + i);
        }

        Map<String, Long> delta = delta(before, commandStats());
        // one EVALSHA each; what the script calls inside is counted too, under its own names
        assertThat(delta.get("evalsha")).isEqualTo(200);
        Map<String, Long> sent = new HashMap<>(delta);
        sent.keySet().removeAll(List.of("evalsha", "time", "mget", "set", "info"));
        assertThat(sent).as("nothing but the script, and the INFO that counts").isEmpty();
        assertThat(delta.get("info")).isEqualTo(1);
        System.out.printf("pacer: 200 acquires (150 paced, 50 unpaced): %s%n", delta);
    }

    private Map<String, Long> commandStats() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(line.indexOf("calls=") + "calls=".length());
                calls.put(name, Long.parseLong(count.substring(0, count.indexOf(','))));
            }
        }
        return calls;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((name, count) -> {
            long d = count - before.getOrDefault(name, 0L);
            if (d != 0) {
                delta.put(name, d);
            }
        });
        return delta;
    }
}
