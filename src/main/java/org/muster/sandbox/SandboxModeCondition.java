package org.muster.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Sandbox mode is on when no real bot token is configured and the sandbox was switched on on
 * purpose ({@code muster.sandbox.enabled}; on by default only next to the embedded database of
 * {@code mvn spring-boot:run} and the tests). Without either, Muster does not start at all: see
 * {@link SandboxSwitch}.
 */
public final class SandboxModeCondition extends SpringBootCondition {

    /** The property whose absence lets the sandbox stand in for Telegram. */
    public static final String TOKEN_PROPERTY = "muster.telegram.token";
    /** The switch that turns the emulator on. */
    public static final String ENABLED_PROPERTY = "muster.sandbox.enabled";
    /** Set by the embedded-servers post-processor when it started the database itself. */
    public static final String EMBEDDED_DATABASE_PROPERTY = "muster.embedded.database-started";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (hasToken(context.getEnvironment())) {
            return ConditionOutcome.noMatch(TOKEN_PROPERTY + " is set: Muster talks to a real Bot API");
        }
        if (!enabled(context.getEnvironment())) {
            return ConditionOutcome.noMatch(ENABLED_PROPERTY + " is false: no sandbox");
        }
        return ConditionOutcome.match(TOKEN_PROPERTY + " is empty and " + ENABLED_PROPERTY + " is true: Muster serves the Bot API sandbox");
    }

    static boolean hasToken(PropertyResolver environment) {
        return StringUtils.hasText(environment.getProperty(TOKEN_PROPERTY));
    }

    static boolean embeddedDatabase(PropertyResolver environment) {
        return environment.getProperty(EMBEDDED_DATABASE_PROPERTY, Boolean.class, false);
    }

    /** The switch as given, or on by default when the database is the embedded, throw-away one. */
    static boolean enabled(PropertyResolver environment) {
        return environment.getProperty(ENABLED_PROPERTY, Boolean.class, embeddedDatabase(environment));
    }

    /** Whether the emulator runs in the application that reads {@code environment}. */
    public static boolean sandboxMode(PropertyResolver environment) {
        return !hasToken(environment) && enabled(environment);
    }
}
