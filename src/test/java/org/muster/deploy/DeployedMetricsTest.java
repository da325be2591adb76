package org.muster.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.muster.MusterApplication;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The alerts and the dashboard watch metrics Muster really exports: every metric name (and every
 * label a selector names, with its value when it says {@code =}) in deploy/prometheus/alerts.yml and
 * deploy/grafana/muster.json is in the management port's /actuator/prometheus of an instance in
 * webhook mode, as deployed. The Deployment's probe paths answer there too. ({@code up} is Prometheus'
 * own, not in a scrape.) The same properties as WebhookEndToEndTest, so both share one context.
 */
@SpringBootTest(classes = MusterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"muster.telegram.mode=webhook", "muster.telegram.webhook-secret=test-secret_42"})
@ActiveProfiles("test")
@Import(EndToEndConfiguration.class)
class DeployedMetricsTest {

    /** A label matcher of a selector: {@code name op "value"}. */
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    /** Labels Prometheus adds to every series it scrapes; never in the scrape itself. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HttpCodeStatusMapper statusMapper;

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsInTheScrape() {
        exerciseWhatCreatesMetricsOnFirstUse();
        List<DeployFiles.Use> uses = new ArrayList<>(DeployFiles.metricUses(DeployFiles.alertExpressions()));
        uses.addAll(DeployFiles.metricUses(DeployFiles.dashboardExpressions()));
        assertThat(uses).extracting(DeployFiles.Use::metric)
                .contains("muster_webhook_calls_total", "muster_telegram_rate_limited_total", "muster_broadcast_backlog_age_seconds",
                        "muster_reminder_lateness_seconds", "muster_updates_seconds_count", "muster_updates_seconds_bucket",
                        "muster_telegram_send_seconds_bucket", "muster_telegram_pacing_wait_seconds_bucket", "up");

        Map<String, List<Map<String, String>>> scrape = scrape();

        List<String> missing = new ArrayList<>();
        for (DeployFiles.Use use : uses) {
            if (use.metric().equals("up")) {
                assertThat(use.selector()).as("up is Prometheus' own: only for the muster scrape job").contains("job=");
                continue;
            }
            List<Map<String, String>> series = scrape.get(use.metric());
            if (series == null) {
                missing.add(use.metric());
                continue;
            }
            Matcher matcher = MATCHER.matcher(use.selector());
            while (matcher.find()) {
                String label = matcher.group(1);
                if (TARGET_LABELS.contains(label)) {
                    continue;
                }
                String value = matcher.group(3);
                boolean found = matcher.group(2).equals("=")
                        ? series.stream().anyMatch(s -> value.equals(s.get(label)))
                        : series.stream().anyMatch(s -> s.containsKey(label));
                if (!found) {
                    missing.add(use.metric() + use.selector() + " (no series with " + label + matcher.group(2) + "\"" + value + "\")");
                }
            }
        }
        assertThat(missing).as("used in alerts.yml or muster.json, not in Muster's scrape").isEmpty();
    }

    @Test
    void theProbePathsOfTheDeploymentAnswerOnTheManagementPort() {
        String deployment = DeployFiles.read(DeployFiles.KUBERNETES.resolve("deployment.yaml"));
        Matcher path = Pattern.compile("path: (/actuator/\\S+)").matcher(deployment);
        Set<String> paths = new HashSet<>();
        while (path.find()) {
            paths.add(path.group(1));
        }
        // the probes, and where the pod's annotation sends Prometheus
        assertThat(paths).containsExactlyInAnyOrder("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus");
        SandboxClient management = new SandboxClient(managementPort);
        for (String probe : paths) {
            HttpResponse<String> answer = management.raw(HttpRequest.newBuilder(URI.create(management.base() + probe)).build());
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            if (probe.startsWith("/actuator/health/")) {
                assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
            }
        }
        // what the image's HEALTHCHECK asks, on the management port only
        SandboxClient bot = new SandboxClient(port);
        assertThat(bot.raw(HttpRequest.newBuilder(URI.create(bot.base() + "/actuator/health/readiness")).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aHealthThatIsDownAnswers503SoTheProbesAndTheHealthCheckFail() {
        // the mapping the health endpoints use; application.yml's http-mapping replaces Spring Boot's defaults
        assertThat(statusMapper.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(statusMapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(statusMapper.getStatusCode(Status.UP)).isEqualTo(200);
        // a Telegram outage alone never takes an instance out
        assertThat(statusMapper.getStatusCode(new Status("UNREACHABLE"))).isEqualTo(200);
    }

    /**
     * Most meters are registered up front; these appear on first use: an update of a kind (its timers),
     * a Bot API call (its send timer), a 429 (the emulator's flood limits: a group's 20 a minute, used
     * up by raw sends just before the bot answers there; tried again should the bot's answer slip in
     * after a refill).
     */
    private void exerciseWhatCreatesMetricsOnFirstUse() {
        SandboxClient sandbox = new SandboxClient(port);
        long user = sandbox.createUser("Gauge", "en");
        long chat = sandbox.privateChat(user);
        sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/help"));
        long group = sandbox.group("Flood check", user);
        sandbox.settings(Map.of("flood_limits", true));
        try {
            for (int attempt = 0; attempt < 3 && !scrape().containsKey("muster_telegram_rate_limited_total"); attempt++) {
                for (int i = 0; i < 25; i++) {
                    sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/bot1000000001:sandbox/sendMessage"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":" + group + ",\"text\":\"flood " + i + "\"}")).build());
                }
                sandbox.say(group, user, "/help");
                waitForScrapeWith("muster_telegram_rate_limited_total", Duration.ofSeconds(10));
            }
        } finally {
            sandbox.settings(Map.of("flood_limits", false));
        }
    }

    private Map<String, List<Map<String, String>>> waitForScrapeWith(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<Map<String, String>>> scrape = scrape();
        while (!scrape.containsKey(name) && System.nanoTime() < deadline) {
            pause();
            scrape = scrape();
        }
        return scrape;
    }

    /** The scrape's samples: name to the label sets of its series. */
    private Map<String, List<Map<String, String>>> scrape() {
        SandboxClient management = new SandboxClient(managementPort);
        String body = management.raw(HttpRequest.newBuilder(URI.create(management.base() + "/actuator/prometheus")).build()).body();
        Map<String, List<Map<String, String>>> samples = new HashMap<>();
        for (String line : body.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0 && brace < space) {
                Matcher label = MATCHER.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    labels.put(label.group(1), label.group(3));
                }
            }
            samples.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
        }
        return samples;
    }

    /** Between two looks at a condition that is awaited (never the proof that something did not happen). */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
