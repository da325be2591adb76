package org.muster;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A start refused because of a setting Muster checks itself ({@code muster.redis.url},
 * {@code muster.app.url}, {@code muster.dispatch.replies-wait}, …: an {@link IllegalStateException}
 * whose message begins with the property's name) is reported as what to change, not as a stack trace
 * of bean creation.
 */
class SettingRefusedFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalStateException refused && refused.getMessage() != null && refused.getMessage().startsWith("muster.")) {
                return new FailureAnalysis("Muster's settings: " + refused.getMessage(),
                        "Correct that setting (its environment variable, or the application.yml next to the jar; "
                                + "config/application.example.yml describes each one) and start Muster again.", refused);
            }
        }
        return null;
    }
}
