package org.muster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.jar.JarProcess;

/**
 * The shipped jar in webhook mode. Telegram out of reach at start-up is an outage: the instance starts,
 * is ready, says the webhook is pending, and registers it by itself once the Bot API answers. Telegram
 * refusing the webhook is a configuration error: the start stops with Telegram's reason.
 */
class WebhookRegistrationJarIT {

    private static final String TOKEN = "123456:webhook-registration-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBotApiOutageAtStartUpDelaysTheRegistrationButNotTheStart() throws Exception {
        int apiPort = JarProcess.freePort();
        try (JarProcess jar = JarProcess.start(webhookEnvironment(apiPort))) {
            jar.awaitReady(Duration.ofSeconds(120));
            assertThat(get(jar.managementPort(), "/actuator/prometheus")).contains("muster_webhook_registered 0.0")
                    .contains("muster_ready 1.0");
            assertThat(get(jar.managementPort(), "/actuator/health")).contains("\"webhook\":\"pending\"").doesNotContain(TOKEN);
            assertThat(jar.log()).contains("setWebhook to https://bot.example.org/telegram/webhook failed").doesNotContain(TOKEN);

            List<String> calls = new CopyOnWriteArrayList<>();
            HttpServer api = botApi(apiPort, calls, 200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}");
            try {
                // the retries come at most a minute apart: a registration within 90 s is the retry's, not luck
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!get(jar.managementPort(), "/actuator/prometheus").contains("muster_webhook_registered 1.0")) {
                    assertThat(System.nanoTime()).as("registered within 90 s; log:\n" + jar.log()).isLessThan(deadline);
                    Thread.sleep(200);
                }
                assertThat(calls).anyMatch(c -> c.startsWith("setWebhook ") && c.contains("bot.example.org")
                        && c.contains("secret_token"));
                assertThat(jar.log()).containsPattern("webhook registered: https://bot.example.org/telegram/webhook \\(after \\d+ failed attempts\\)");
                assertThat(get(jar.managementPort(), "/actuator/health")).contains("\"webhook\":\"registered\"");
                assertThat(jar.alive()).isTrue();
            } finally {
                api.stop(0);
            }
        }
    }

    @Test
    void aRefusedWebhookStopsTheStartWithTelegramsReason() throws Exception {
        int apiPort = JarProcess.freePort();
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer api = botApi(apiPort, calls, 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad webhook: Failed to resolve host: Name or service not known\"}");
        try (JarProcess jar = JarProcess.start(webhookEnvironment(apiPort))) {
            assertThat(jar.awaitExit(Duration.ofSeconds(120))).as(jar.log()).isNotZero();
            assertThat(jar.log()).contains("Telegram refused setWebhook to https://bot.example.org/telegram/webhook")
                    .contains("bad webhook: Failed to resolve host").doesNotContain(TOKEN);
            assertThat(calls).anyMatch(c -> c.startsWith("setWebhook "));
        } finally {
            api.stop(0);
        }
    }

    private static Map<String, String> webhookEnvironment(int apiPort) {
        return Map.of("SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", TestServers.redisUrl(),
                "MUSTER_TELEGRAM_TOKEN", TOKEN,
                "MUSTER_TELEGRAM_API_URL", "http://127.0.0.1:" + apiPort,
                "MUSTER_TELEGRAM_MODE", "webhook",
                "MUSTER_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook",
                "MUSTER_TELEGRAM_WEBHOOK_SECRET", "registration-secret_1");
    }

    /**
     * A Bot API that answers setWebhook with {@code status} and {@code body} and every other method
     * as Telegram would for a bot that may do it; it records each call as "method body".
     */
    private static HttpServer botApi(int port, List<String> calls, int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String method = path.substring(path.lastIndexOf('/') + 1);
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(method + " " + request);
            String answer;
            int code = 200;
            if (method.equals("setWebhook")) {
                answer = body;
                code = status;
            } else if (method.equals("getMe")) {
                answer = "{\"ok\":true,\"result\":{\"id\":123456,\"is_bot\":true,\"first_name\":\"Muster\",\"username\":\"muster_test_bot\"}}";
            } else {
                answer = "{\"ok\":true,\"result\":true}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
