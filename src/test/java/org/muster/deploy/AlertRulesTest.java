package org.muster.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/alerts.yml as Prometheus' own promtool reads it: the rules load ({@code promtool
 * check rules}), their unit tests in alerts.test.yml pass ({@code promtool test rules}), a wrong
 * expectation fails there, and the dashboard's queries are valid PromQL. Debian's package
 * {@code prometheus} holds promtool; .ci/run installs it. Without it the test is skipped, except
 * when {@code CI} is set: there it fails.
 */
class AlertRulesTest {

    private static String promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = onPath("promtool");
        if (promtool == null) {
            String why = "promtool is not installed (Debian: apt-get install prometheus), so deploy/prometheus/alerts.yml is NOT checked";
            if (System.getenv("CI") != null || System.getenv("MUSTER_REQUIRE_PROMTOOL") != null) {
                fail(why + "; CI or MUSTER_REQUIRE_PROMTOOL is set, where it must be checked");
            }
            Assumptions.assumeTrue(false, "SKIPPED: " + why);
        }
    }

    private static String onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    record Run(int exit, String output) {
    }

    private static Run promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", arguments) + " did not finish in 60 s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    @Test
    void promtoolLoadsEveryAlertingRule() throws Exception {
        int rules = DeployFiles.alertExpressions().size();

        Run check = promtool("check", "rules", DeployFiles.ALERTS.toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + rules + " rules found");
        assertThat(rules).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        Run test = promtool("test", "rules", DeployFiles.ALERT_TESTS.toString());

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
        // one alert fires and others stay quiet in those tests
        String tests = DeployFiles.read(DeployFiles.ALERT_TESTS);
        assertThat(tests).contains("exp_alerts: []").contains("exp_labels:");
    }

    @Test
    void aWrongExpectationFailsTheUnitTests(@TempDir Path folder) throws Exception {
        Files.copy(DeployFiles.ALERTS, folder.resolve("alerts.yml"));
        String tests = DeployFiles.read(DeployFiles.ALERT_TESTS);
        String broken = tests.replace("has been unsent for 10m 0s", "has been unsent for 9m 0s");
        assertThat(broken).isNotEqualTo(tests);
        Files.writeString(folder.resolve("alerts.test.yml"), broken);

        Run test = promtool("test", "rules", folder.resolve("alerts.test.yml").toString());

        assertThat(test.exit()).as(test.output()).isNotZero();
        assertThat(test.output()).contains("FAILED").contains("MusterRemindersLate");
    }

    @Test
    void theDashboardsQueriesAreValidPromQl(@TempDir Path folder) throws Exception {
        List<String> expressions = DeployFiles.dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        // each query as a recording rule, with Grafana's variables as Prometheus would see them
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            String expression = expressions.get(i).replace("$__rate_interval", "1m").replace("$job", "muster");
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: '").append(expression.replace("'", "''")).append("'\n");
        }
        Path file = folder.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);

        Run check = promtool("check", "rules", file.toString());

        assertThat(check.exit()).as(check.output() + "\n" + rules).isZero();
        assertThat(check.output()).contains("SUCCESS: " + expressions.size() + " rules found");
    }
}
