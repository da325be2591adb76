package org.muster.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.support.SandboxClient;
import redis.embedded.RedisServer;

/**
 * Redis stopped for 30 s under traffic, on the shipped jar in polling mode: the outage is logged in a
 * few lines, not a flood; nothing sent meanwhile is lost; answers and health come back by themselves
 * once Redis does. The figures (log lines, time to the first answer and to readiness) are printed.
 */
class RedisOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anOutageOfRedisIsSurvivedQuietlyAndNothingIsLost() throws Exception {
        int redisPort = JarProcess.freePort();
        RedisServer redis = redis(redisPort);
        redis.start();
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", "redis://127.0.0.1:" + redisPort,
                "MUSTER_SANDBOX_ENABLED", "true",
                "MUSTER_SANDBOX_STATE_FILE", "");
        try (JarProcess jar = JarProcess.start(environment)) {
            jar.awaitReady(Duration.ofSeconds(120));
            SandboxClient sandbox = new SandboxClient(jar.port());
            List<long[]> people = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long user = sandbox.createUser("Outage" + i, "en");
                people.add(new long[] {sandbox.privateChat(user), user});
            }
            for (long[] person : people) {
                sandbox.nextBotMessage(person[0], sandbox.say(person[0], person[1], "/help"));
            }

            int linesBefore = jar.log().split("\n").length;
            redis.stop();
            long stopped = System.nanoTime();
            List<int[]> asked = new ArrayList<>();
            // traffic while Redis is away: each person writes every two seconds
            while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
                for (int p = 0; p < people.size(); p++) {
                    asked.add(new int[] {p, sandbox.say(people.get(p)[0], people.get(p)[1], "/help")});
                }
                Thread.sleep(2000);
            }
            assertThat(scrape(jar)).as("the readiness gauge while Redis is away").contains("muster_ready 0.0");
            int linesDuring = jar.log().split("\n").length - linesBefore;
            redis = redis(redisPort);
            redis.start();
            long restarted = System.nanoTime();

            // every message of the outage is answered, in each chat after the ones before it
            long firstAnswer = 0;
            for (int[] message : asked) {
                long[] person = people.get(message[0]);
                List<String> answers = SandboxClient.texts(sandbox.botMessagesUntil(person[0], message[1], Duration.ofSeconds(60),
                        list -> list.stream().anyMatch(m -> m.path("text").asString().contains("Commands you can use"))));
                assertThat(answers).anyMatch(t -> t.contains("Commands you can use"));
                if (firstAnswer == 0) {
                    firstAnswer = System.nanoTime();
                }
            }
            long ready = awaitReadiness(jar, Duration.ofSeconds(60));
            assertThat(scrape(jar)).as("the readiness gauge once Redis is back").contains("muster_ready 1.0");

            System.out.printf("%nRedis outage of %d s, %d messages sent meanwhile: %d log lines during it; "
                            + "first answer %.1f s and readiness UP %.1f s after Redis was back%n%n",
                    OUTAGE.toSeconds(), asked.size(), linesDuring, (firstAnswer - restarted) / 1e9, (ready - restarted) / 1e9);
            assertThat(linesDuring).as("log lines during the outage:\n" + jar.log()).isLessThan(100);
        } finally {
            redis.stop();
        }
    }

    private String scrape(JarProcess jar) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.managementPort() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private long awaitReadiness(JarProcess jar, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.managementPort()
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return System.nanoTime();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("readiness never came back:\n" + jar.log());
    }

    private static RedisServer redis(int port) throws IOException {
        return RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"").setting("appendonly no").build();
    }
}
