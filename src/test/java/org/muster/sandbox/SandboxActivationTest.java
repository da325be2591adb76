package org.muster.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator exists only while no real bot token is configured and it was switched on. */
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
        runner.withPropertyValues("muster.telegram.token=123456:real-token", "muster.sandbox.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SandboxWorld.class);
            assertThat(context).doesNotHaveBean(BotApiController.class);
            assertThat(context).doesNotHaveBean(ControlApiController.class);
            assertThat(context).doesNotHaveBean(SandboxProperties.class);
            assertThat(context).doesNotHaveBean(SandboxEndpoint.class);
        });
    }

    @Test
    void noTokenWithoutTheSwitchHasNoSandbox() {
        runner.withPropertyValues("muster.telegram.token=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SandboxWorld.class);
            assertThat(context).doesNotHaveBean(ControlApiController.class);
            assertThat(context).doesNotHaveBean(LoopbackOnlyFilter.class);
        });
    }

    @Test
    void theEmbeddedDatabaseSwitchesItOnByDefaultAndTheSwitchCanStillSayNo() {
        runner.withPropertyValues("muster.embedded.database-started=true").run(context ->
                assertThat(context).hasSingleBean(SandboxWorld.class));
        runner.withPropertyValues("muster.embedded.database-started=true", "muster.sandbox.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(SandboxWorld.class));
    }

    @Test
    void noTokenSwitchesItOnWithItsDefaults() {
        runner.withPropertyValues("muster.telegram.token=", "muster.sandbox.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SandboxWorld.class);
            assertThat(context).hasSingleBean(BotApiController.class);
            SandboxProperties properties = context.getBean(SandboxProperties.class);
            assertThat(properties.botToken()).isEqualTo("1000000001:sandbox");
            assertThat(properties.botId()).isEqualTo(1000000001L);
            assertThat(properties.floodLimits()).isTrue();
            assertThat(properties.privacyMode()).isTrue();
            assertThat(properties.stateFile()).isEmpty();
            assertThat(properties.allowRemote()).isFalse();
            assertThat(context).hasSingleBean(LoopbackOnlyFilter.class);
            assertThat(properties.flood()).isEqualTo(new SandboxProperties.Flood(30, 1, 5, 20, 20));
            assertThat(context.getBean(SandboxEndpoint.class).token()).isEqualTo("1000000001:sandbox");
        });
    }

    @Test
    void aMissingTokenPropertyCountsAsNone() {
        runner.withPropertyValues("muster.sandbox.enabled=true", "muster.sandbox.bot-token=42:other",
                        "muster.sandbox.flood.group-per-minute=10")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BotIdentity.class).id()).isEqualTo(42L);
                    assertThat(context.getBean(SandboxProperties.class).flood().groupPerMinute()).isEqualTo(10);
                });
    }

    @Test
    void aMalformedSandboxTokenIsRefusedAtStart() {
        runner.withPropertyValues("muster.sandbox.enabled=true", "muster.sandbox.bot-token=sandbox").run(context ->
                assertThat(context).hasFailed());
    }
}
