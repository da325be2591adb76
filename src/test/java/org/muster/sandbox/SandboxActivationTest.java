package org.muster.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator exists only while no real bot token is configured. */
class SandboxActivationTest {

    /** Scans the package as MusterApplication does: components and configuration properties. */
    @ComponentScan(basePackageClasses = SandboxActivationTest.class)
    @ConfigurationPropertiesScan(basePackageClasses = SandboxActivationTest.class)
    static class ScannedLikeTheApplication {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ScannedLikeTheApplication.class);

    @Test
    void aTokenSwitchesTheSandboxOff() {
        runner.withPropertyValues("muster.telegram.token=123456:real-token").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SandboxWorld.class);
            assertThat(context).doesNotHaveBean(BotApiController.class);
            assertThat(context).doesNotHaveBean(ControlApiController.class);
            assertThat(context).doesNotHaveBean(SandboxProperties.class);
            assertThat(context).doesNotHaveBean(SandboxEndpoint.class);
        });
    }

    @Test
    void noTokenSwitchesItOnWithItsDefaults() {
        runner.withPropertyValues("muster.telegram.token=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SandboxWorld.class);
            assertThat(context).hasSingleBean(BotApiController.class);
            SandboxProperties properties = context.getBean(SandboxProperties.class);
            assertThat(properties.botToken()).isEqualTo("1000000001:sandbox");
            assertThat(properties.botId()).isEqualTo(1000000001L);
            assertThat(properties.floodLimits()).isTrue();
            assertThat(properties.privacyMode()).isTrue();
            assertThat(properties.stateFile()).isEmpty();
            assertThat(properties.flood()).isEqualTo(new SandboxProperties.Flood(30, 1, 5, 20, 20));
            assertThat(context.getBean(SandboxEndpoint.class).token()).isEqualTo("1000000001:sandbox");
        });
    }

    @Test
    void aMissingTokenPropertyCountsAsNone() {
        runner.withPropertyValues("muster.sandbox.bot-token=42:other", "muster.sandbox.flood.group-per-minute=10")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BotIdentity.class).id()).isEqualTo(42L);
                    assertThat(context.getBean(SandboxProperties.class).flood().groupPerMinute()).isEqualTo(10);
                });
    }

    @Test
    void aMalformedSandboxTokenIsRefusedAtStart() {
        runner.withPropertyValues("muster.sandbox.bot-token=sandbox").run(context ->
                assertThat(context).hasFailed());
    }
}
