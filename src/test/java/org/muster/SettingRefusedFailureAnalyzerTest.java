package org.muster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A setting Muster refused is reported by its name and what to do; anything else is left to Spring's analyzers. */
class SettingRefusedFailureAnalyzerTest {

    private final SettingRefusedFailureAnalyzer analyzer = new SettingRefusedFailureAnalyzer();

    @Test
    void aRefusedSettingDeepInBeanCreationIsNamedWithWhatToDo() {
        IllegalStateException refused = new IllegalStateException("muster.app.url (MUSTER_APP_URL) must be the console's public https:// address");
        BeanCreationException failure = new BeanCreationException("consoleLink", "Failed to instantiate",
                new BeanCreationException("consoleMenu", "Unsatisfied dependency", refused));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Muster's settings: " + refused.getMessage());
        assertThat(analysis.getAction()).contains("config/application.example.yml");
        assertThat(analysis.getCause()).isSameAs(refused);
    }

    @Test
    void otherFailuresAreNotItsToExplain() {
        assertThat(analyzer.analyze(new IllegalStateException("Failed to execute CommandLineRunner"))).isNull();
        assertThat(analyzer.analyze(new RuntimeException(new IllegalArgumentException("muster.x")))).isNull();
        assertThat(analyzer.analyze(new IllegalStateException((String) null))).isNull();
    }
}
