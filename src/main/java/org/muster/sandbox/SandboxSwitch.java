package org.muster.sandbox;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Decides at start whether Muster may run without a bot token. A forgotten token used to open the
 * sandbox (with its unauthenticated control API) against the real database; now the sandbox runs
 * only when switched on, and a production start without a token stops before anything connects.
 * Runs after the embedded servers were chosen, so it knows whether the database is a throw-away one.
 */
class SandboxSwitch implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    SandboxSwitch(DeferredLogFactory logs) {
        this.log = logs.getLog(SandboxSwitch.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        boolean enabled = SandboxModeCondition.enabled(env);
        if (SandboxModeCondition.hasToken(env)) {
            if (enabled && env.containsProperty(SandboxModeCondition.ENABLED_PROPERTY)) {
                log.info("A bot token is set, so the sandbox stays off although " + SandboxModeCondition.ENABLED_PROPERTY + " is true");
            }
            return;
        }
        if (!enabled) {
            throw new SandboxNotEnabledException();
        }
        if (!SandboxModeCondition.embeddedDatabase(env)) {
            log.warn("""
                    
                    ************************************************************************************
                    SANDBOX MODE AGAINST A REAL DATABASE. No bot token is set and MUSTER_SANDBOX_ENABLED
                    is true, while the database is not the embedded throw-away one. The emulator's
                    control API acts as any user without authentication (it answers only loopback
                    clients unless muster.sandbox.allow-remote=true). Never run it on real records.
                    ************************************************************************************""");
        }
    }

    /** The one reason this start is refused, for {@link SandboxNotEnabledFailureAnalyzer}. */
    static final class SandboxNotEnabledException extends IllegalStateException {
        SandboxNotEnabledException() {
            super("No bot token: set MUSTER_TELEGRAM_TOKEN (from BotFather) to connect to Telegram, "
                    + "or MUSTER_SANDBOX_ENABLED=true to run the built-in Telegram emulator instead");
        }
    }
}
