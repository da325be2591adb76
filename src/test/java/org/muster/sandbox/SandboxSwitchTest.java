package org.muster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** A start without a bot token needs the sandbox switched on; against real data it says so loudly. */
class SandboxSwitchTest {

    private final List<String> warnings = new ArrayList<>();
    private final Log log = new NoOpLog() {
        @Override
        public void warn(Object message) {
            warnings.add(String.valueOf(message));
        }
    };
    private final SandboxSwitch sandboxSwitch = new SandboxSwitch(type -> log);

    private void start(MockEnvironment environment) {
        sandboxSwitch.postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void noTokenAndNoSwitchRefusesTheStartNamingBothVariables() {
        MockEnvironment production = new MockEnvironment().withProperty("muster.telegram.token", "");

        assertThatThrownBy(() -> start(production)).isInstanceOf(SandboxSwitch.SandboxNotEnabledException.class)
                .hasMessageContaining("MUSTER_TELEGRAM_TOKEN").hasMessageContaining("MUSTER_SANDBOX_ENABLED");
        FailureAnalysis analysis = new SandboxNotEnabledFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new SandboxSwitch.SandboxNotEnabledException()));
        assertThat(analysis.getDescription()).contains("MUSTER_TELEGRAM_TOKEN", "MUSTER_SANDBOX_ENABLED");
        assertThat(analysis.getAction()).contains("MUSTER_SANDBOX_ENABLED=true");
    }

    @Test
    void theEmbeddedDatabaseOfADevelopersRunNeedsNoSwitchAndNoWarning() {
        start(new MockEnvironment().withProperty("muster.embedded.database-started", "true"));

        assertThat(warnings).isEmpty();
    }

    @Test
    void theSwitchAgainstARealDatabaseWarnsLoudly() {
        start(new MockEnvironment().withProperty("muster.sandbox.enabled", "true"));

        assertThat(warnings).singleElement().asString().contains("SANDBOX MODE AGAINST A REAL DATABASE");
    }

    @Test
    void aTokenNeedsNothingElse() {
        start(new MockEnvironment().withProperty("muster.telegram.token", "123456:real"));

        assertThat(warnings).isEmpty();
    }
}
