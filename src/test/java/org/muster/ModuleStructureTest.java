package org.muster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages are modules: no cycles between them, and no reaching into another
 * module's package-private parts. Only {@code telegram} knows the Bot API.
 */
class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(MusterApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublicTypes() {
        modules.verify();
    }

    @Test
    void onlyTheTelegramModuleUsesTheBotApiLibrary() {
        for (ApplicationModule module : modules) {
            boolean usesBotApi = module.getBasePackage().stream()
                    .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                    .anyMatch(dependency -> dependency.getTargetClass().getPackageName().startsWith("org.telegram"));
            assertThat(usesBotApi).as(module.getName()).isEqualTo(module.getName().equals("telegram"));
        }
    }
}
