package org.muster.sandbox;

import org.springframework.stereotype.Component;

/**
 * The switches a tester may flip while the application runs ({@code POST /sandbox/api/settings}):
 * flood limits off makes fast tests possible, privacy mode off shows what a bot with full access sees.
 */
@Component
@ConditionalOnSandbox
class SandboxSettings {

    private volatile boolean floodLimits;
    private volatile boolean privacyMode;

    SandboxSettings(SandboxProperties properties) {
        this.floodLimits = properties.floodLimits();
        this.privacyMode = properties.privacyMode();
    }

    boolean floodLimits() {
        return floodLimits;
    }

    void floodLimits(boolean on) {
        this.floodLimits = on;
    }

    boolean privacyMode() {
        return privacyMode;
    }

    void privacyMode(boolean on) {
        this.privacyMode = on;
    }
}
