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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL out of reach for 20 s under traffic, on the shipped jar: every connection to it is cut
 * and new ones are refused (a network partition, a failover), then it is back. The outage is logged in
 * a few lines, not a stack trace per probe; readiness and {@code muster_ready} say DOWN meanwhile;
 * nothing sent during it is lost — a sign-up confirmed during the outage is recorded once it is over.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:]+):(\\d+)/");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anOutageOfPostgresqlIsSurvivedQuietlyAndNothingIsLost() throws Exception {
        // a database of its own: the volunteer signed up here must not show in other jar tests' figures
        org.springframework.jdbc.datasource.DriverManagerDataSource own = TestServers.emptyDatabase("db_outage");
        String direct = own.getUrl() + (own.getUrl().contains("?") ? "&" : "?") + "user=" + own.getUsername()
                + (own.getPassword() == null || own.getPassword().isEmpty() ? "" : "&password=" + own.getPassword());
        Matcher server = HOST_PORT.matcher(direct);
        assertThat(server.find()).as(direct).isTrue();
        try (CuttableLink link = new CuttableLink(server.group(1), Integer.parseInt(server.group(2)));
             JarProcess jar = JarProcess.start(Map.of(
                     "SPRING_DATASOURCE_URL", server.replaceFirst("//127.0.0.1:" + link.port() + "/"),
                     "MUSTER_REDIS_URL", TestServers.redisUrl(),
                     "MUSTER_SANDBOX_ENABLED", "true",
                     "MUSTER_SANDBOX_STATE_FILE", "",
                     // a request waits for a connection this long before the worker retries it later
                     "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "3000"))) {
            jar.awaitReady(Duration.ofSeconds(120));
            SandboxClient sandbox = new SandboxClient(jar.port());
            Volunteering volunteering = new Volunteering(sandbox);
            List<long[]> people = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long user = sandbox.createUser("Partition" + i, "en");
                people.add(new long[] {sandbox.privateChat(user), user});
                sandbox.nextBotMessage(user, sandbox.say(user, user, "/help"));
            }
            long signingUp = sandbox.createUser("分区测试", "zh");
            long chat = sandbox.privateChat(signingUp);
            volunteering.next(chat, sandbox.say(chat, signingUp, "/start signup"), "真实姓名");
            String phone = "+86139" + (10_000_000 + signingUp % 89_999_999);
            JsonNode review = volunteering.answerUntilReview(signingUp, "分区测试", phone);

            int linesBefore = jar.log().split("\n").length;
            link.cut();
            long cut = System.nanoTime();
            sandbox.pressLabel(chat, signingUp, review.path("message_id").asInt(), "✅ 确认提交");
            List<int[]> asked = new ArrayList<>();
            while (System.nanoTime() - cut < OUTAGE.toNanos()) {
                for (int p = 0; p < people.size(); p++) {
                    asked.add(new int[] {p, sandbox.say(people.get(p)[0], people.get(p)[1], "/help")});
                }
                Thread.sleep(2000);
            }
            assertThat(status(jar, "/actuator/health/readiness")).as("readiness while PostgreSQL is away").isEqualTo(503);
            assertThat(get(jar, "/actuator/prometheus")).contains("muster_ready 0.0");
            int linesDuring = jar.log().split("\n").length - linesBefore;
            link.join();
            long joined = System.nanoTime();

            // each message of the outage answered exactly once: as many answers as messages, and no more
            // once a marker sent afterwards is answered
            long firstAnswer = 0;
            for (int p = 0; p < people.size(); p++) {
                long[] person = people.get(p);
                int index = p;
                List<int[]> mine = asked.stream().filter(m -> m[0] == index).toList();
                int before = mine.get(0)[1] - 1;
                sandbox.botMessagesUntil(person[0], before, Duration.ofSeconds(60), list -> helps(list) >= mine.size());
                if (firstAnswer == 0) {
                    firstAnswer = System.nanoTime();
                }
                int marker = sandbox.say(person[0], person[1], "/help");
                sandbox.botMessagesUntil(person[0], marker, Duration.ofSeconds(60), list -> helps(list) >= 1);
                assertThat(helps(sandbox.botMessagesUntil(person[0], before, Duration.ofSeconds(10), list -> true)))
                        .as("answers to the %d messages of the outage and the marker", mine.size()).isEqualTo(mine.size() + 1);
            }
            List<JsonNode> welcome = sandbox.botMessagesUntil(chat, review.path("message_id").asInt(), Duration.ofSeconds(60),
                    list -> list.stream().anyMatch(m -> m.path("text").asString().contains("报名成功")));
            assertThat(SandboxClient.texts(welcome)).anyMatch(t -> t.contains("报名成功"));
            assertThat(JdbcClient.create(own).sql("select count(*) from volunteer where telegram_user_id = :user")
                    .param("user", signingUp).query(Integer.class).single()).isEqualTo(1);
            long ready = awaitReadiness(jar, Duration.ofSeconds(60));
            assertThat(get(jar, "/actuator/prometheus")).contains("muster_ready 1.0");

            String during = String.join("\n", jar.log().lines().skip(linesBefore).limit(linesDuring).toList());
            System.out.printf("%nPostgreSQL out of reach for %d s, %d messages and a sign-up's confirmation sent meanwhile: "
                            + "%d log lines during it; the first chat's %d answers all in %.1f s, readiness UP (checked after every answer) %.1f s after it was back%n%n",
                    OUTAGE.toSeconds(), asked.size(), linesDuring, asked.stream().filter(m -> m[0] == 0).count(), (firstAnswer - joined) / 1e9,
                    (ready - joined) / 1e9);
            assertThat(linesDuring).as("log lines during the outage:\n" + during).isLessThan(60);
            assertThat(during).doesNotContain(phone).doesNotContain("分区测试");
        }
    }

    private static long helps(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("text").asString().contains("Commands you can use")).count();
    }

    private long awaitReadiness(JarProcess jar, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(jar, "/actuator/health/readiness") == 200) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never came back:\n" + jar.log());
    }

    private int status(JarProcess jar, String path) throws IOException, InterruptedException {
        return send(jar, path).statusCode();
    }

    private String get(JarProcess jar, String path) throws IOException, InterruptedException {
        return send(jar, path).body();
    }

    private HttpResponse<String> send(JarProcess jar, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.managementPort() + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
