package org.muster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;

/** Reset and the demo exist in sandbox mode only: with a real bot token there is nothing to call. */
class DemoActivationTest {

    @ComponentScan(basePackageClasses = DemoActivationTest.class)
    static class ScannedLikeTheApplication {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ScannedLikeTheApplication.class);

    @Test
    void aRealBotHasNoResetAndNoDemo() {
        runner.withPropertyValues("muster.telegram.token=123456:real-token", "muster.sandbox.enabled=true", "muster.sandbox.demo=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SandboxReset.class);
                    assertThat(context).doesNotHaveBean(DemoRepository.class);
                    assertThat(context).doesNotHaveBean(DemoController.class);
                    assertThat(context).doesNotHaveBean(DemoScene.class);
                    assertThat(context).doesNotHaveBean(DemoOnStartup.class);
                });
    }

    @Test
    void noTokenWithTheSandboxSwitchedOffHasNoResetEither() {
        runner.withPropertyValues("muster.telegram.token=", "muster.sandbox.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SandboxReset.class);
            assertThat(context).doesNotHaveBean(DemoRepository.class);
            assertThat(context).doesNotHaveBean(DemoController.class);
        });
    }
}
