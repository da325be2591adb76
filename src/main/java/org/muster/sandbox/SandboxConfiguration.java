package org.muster.sandbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Switches the emulator on. The components of this package carry {@link ConditionalOnSandbox}
 * themselves, since the application's component scan finds them whatever this class says.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxConfiguration {

    @Bean
    BotIdentity sandboxBotIdentity(SandboxProperties properties) {
        return new BotIdentity(properties.botId(), properties.botToken(), BotIdentity.USERNAME, BotIdentity.FIRST_NAME);
    }
}
