package org.muster.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Sandbox mode is on exactly when no real bot token is configured. */
public final class SandboxModeCondition extends SpringBootCondition {

    /** The property whose absence switches the sandbox on. */
    public static final String TOKEN_PROPERTY = "muster.telegram.token";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String token = context.getEnvironment().getProperty(TOKEN_PROPERTY);
        if (StringUtils.hasText(token)) {
            return ConditionOutcome.noMatch(TOKEN_PROPERTY + " is set: Muster talks to a real Bot API");
        }
        return ConditionOutcome.match(TOKEN_PROPERTY + " is empty: Muster serves the Bot API sandbox");
    }
}
