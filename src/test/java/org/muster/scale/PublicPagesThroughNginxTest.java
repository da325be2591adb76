package org.muster.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.jar.JarProcess;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Muster behind Debian's nginx with the server block that ships ({@code deploy/nginx-compose.conf}):
 * what the bot links to is reachable — the console ({@code /app/}), a certificate's check (the QR code's
 * {@code /verify/…}), a calendar subscription ({@code /calendar/….ics}), the figures API — and nothing
 * else is (the sandbox, {@code /actuator}). Certificate checks are limited per client address: nginx
 * passes the address it saw, Muster takes it from nginx, and a client cannot pose as another by writing
 * the header itself.
 *
 * <p>Clients come from different loopback addresses (127.0.0.2, 127.0.0.3: Linux routes all of
 * 127/8 to the loopback), through raw sockets, as the JDK's HTTP client cannot choose its source.
 */
@EndToEndTest
class PublicPagesThroughNginxTest {

    private static final Pattern CALENDAR = Pattern.compile("http://[^/\\s]+(/calendar/[A-Za-z0-9_-]+\\.ics)");
    private static Nginx nginx;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    private SandboxClient sandbox;
    private JsonNode scene;

    @BeforeEach
    void nginxInFront() {
        if (nginx == null) {
            nginx = Nginx.start(Nginx.binaryFor("PublicPagesThroughNginxTest"), JarProcess.freePort(), List.of(port));
        }
        sandbox = new SandboxClient(port);
        scene = sandbox.post("/sandbox/api/demo", Map.of());
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
            nginx = null;
        }
    }

    /** An answer as it came over the socket. */
    record Answer(int status, String head, String body) {

        boolean fromNginxItself() {
            // nginx's own error pages; Muster's answers never carry them
            return body.contains("<center>nginx");
        }
    }

    /** A request to nginx from {@code source} (a loopback address), with extra header lines. */
    private Answer from(String source, String path, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), nginx.port(), InetAddress.getByName(source), 0)) {
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: muster.example.org\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = whole.indexOf("\r\n\r\n");
            String head = split < 0 ? whole : whole.substring(0, split);
            String body = split < 0 ? "" : whole.substring(split + 4);
            return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        }
    }

    private Answer get(String path, String... headers) throws IOException {
        return from("127.0.0.1", path, headers);
    }

    @Test
    void theConsoleTheChecksTheCalendarsAndTheApiAreReachableAndNothingElse() throws IOException {
        // the console, as Telegram's client opens it (the API refuses without signed initData: Muster's 401)
        Answer page = get("/app/");
        assertThat(page.status()).as(page.head()).isEqualTo(200);
        assertThat(page.body()).contains("console.js");
        assertThat(get("/app/console.js").status()).isEqualTo(200);
        Answer redirect = get("/app");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.head()).containsPattern("(?im)^Location: (http://muster\\.example\\.org)?/app/\\s*$");
        Answer api = get("/app/api/me");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.fromNginxItself()).isFalse();

        // 张伟's certificate: the code on it checks out through nginx
        long zhang = scene.path("people").path("张伟").asLong();
        long chat = sandbox.privateChat(zhang);
        int asked = sandbox.say(chat, zhang, "/certificate");
        sandbox.botMessagesUntil(chat, asked, Duration.ofSeconds(20), list -> list.stream().anyMatch(m -> m.has("document")));
        String code = jdbc.sql("""
                        select c.code from certificate c join volunteer v on v.id = c.volunteer_id
                        where v.telegram_user_id = :u order by c.issued_at desc limit 1
                        """).param("u", zhang).query(String.class).single();
        Answer check = get("/verify/" + code);
        assertThat(check.status()).as(check.head()).isEqualTo(200);
        assertThat(check.body()).contains("data-status=\"valid\"", "3.5 小时").doesNotContain("张伟");
        Answer unknown = get("/verify/" + "A".repeat(20));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("data-status=\"unknown\"");

        // his calendar subscription, at the address the bot gave with nginx's in front of the path
        String said = sandbox.botMessagesUntil(chat, sandbox.say(chat, zhang, "/calendar"), Duration.ofSeconds(15),
                        list -> list.stream().anyMatch(m -> CALENDAR.matcher(m.path("text").asString()).find())).stream()
                .map(m -> m.path("text").asString()).filter(t -> CALENDAR.matcher(t).find()).findFirst().orElseThrow();
        Matcher address = CALENDAR.matcher(said);
        assertThat(address.find()).isTrue();
        Answer calendar = get(address.group(1));
        assertThat(calendar.status()).as(calendar.head()).isEqualTo(200);
        assertThat(calendar.head()).containsIgnoringCase("text/calendar");
        assertThat(calendar.body()).startsWith("BEGIN:VCALENDAR");

        // the figures API for the organisation's own tools
        Answer stats = get("/api/stats", "Authorization: Bearer " + EndToEndConfiguration.API_TOKEN);
        assertThat(stats.status()).as(stats.head()).isEqualTo(200);
        assertThat(stats.body()).contains("volunteers");

        // nothing else: not the sandbox, not the operations endpoints, not a look-alike of a public path
        for (String closed : List.of("/sandbox/", "/sandbox/api/demo", "/actuator/health", "/actuator/prometheus", "/application",
                "/verifyx/" + code, "/")) {
            Answer answer = get(closed);
            assertThat(answer.status()).as(closed).isEqualTo(404);
            assertThat(answer.fromNginxItself()).as(closed + " answered by nginx, not passed to Muster").isTrue();
        }
    }

    @Test
    void certificateChecksAreLimitedPerClientNotPerNginxAndTheHeaderCannotBeForged() throws IOException {
        int limit = environment.getProperty("muster.certificates.verify-per-minute", Integer.class, 30);
        String path = "/verify/" + "B".repeat(20);
        // the limit is per minute: a minute that turns meanwhile starts the count again, so 2 × limit + 1 tries
        // reach it for sure. Each try claims to come from somewhere else: nginx writes the header itself.
        int tries = 0;
        Answer answer;
        do {
            answer = from("127.0.0.2", path, "X-Forwarded-For: 198.51.100." + (tries % 250 + 1));
            tries++;
        } while (answer.status() != 429 && tries <= 2 * limit + 1);
        assertThat(answer.status()).as("checks from one client with a forged X-Forwarded-For each time, after %d tries", tries)
                .isEqualTo(429);
        assertThat(answer.body()).contains("data-status=\"limited\"");

        // another client behind the same nginx is not held back by the first one's checks
        Answer other = from("127.0.0.3", path);
        assertThat(other.status()).as("a second client after the first was limited").isEqualTo(404);
        assertThat(other.body()).contains("data-status=\"unknown\"");
    }
}
