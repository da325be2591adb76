package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator reads p99s from: the pacing wait and the Bot API call's latency, as histograms. */
@EndToEndTest
class SendMetricsEndToEndTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void thePacingWaitAndTheSendLatencyArePublishedWithHistogramBuckets() {
        double before = count(scrape(), "muster_telegram_pacing_wait_seconds_count", "");
        SandboxClient sandbox = new SandboxClient(port);
        long user = sandbox.createUser("Buckets", "en");
        long chat = sandbox.privateChat(user);
        int asked = sandbox.say(chat, user, "/help");
        sandbox.nextBotMessage(chat, asked);

        // the emulator shows the message before the sender's HTTP call has returned and been timed
        String metrics = scrape();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(metrics, "muster_telegram_send_seconds_count", "method=\"sendMessage\",outcome=\"ok\"") == 0
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            metrics = scrape();
        }

        assertThat(metrics).contains("muster_telegram_pacing_wait_seconds_bucket{le=\"+Inf\"}")
                .containsPattern("muster_telegram_pacing_wait_seconds_bucket\\{le=\"0\\.001\"\\}")
                .containsPattern("muster_telegram_send_seconds_bucket\\{method=\"sendMessage\",outcome=\"ok\",le=\"0\\.001\"\\}")
                .contains("muster_telegram_send_seconds_bucket{method=\"sendMessage\",outcome=\"ok\",le=\"+Inf\"}");
        assertThat(count(metrics, "muster_telegram_pacing_wait_seconds_count", "")).as("the answer was let go by the pacer")
                .isGreaterThan(before);
    }

    private String scrape() {
        SandboxClient management = new SandboxClient(managementPort);
        return management.raw(HttpRequest.newBuilder(URI.create(management.base() + "/actuator/prometheus")).build()).body();
    }

    /** The value of a series whose labels are exactly {@code labels}; 0 when it is not there. */
    private static double count(String metrics, String series, String labels) {
        String name = Pattern.quote(labels.isEmpty() ? series : series + "{" + labels + "}");
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
