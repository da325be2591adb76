package org.muster.sandbox;

import org.springframework.stereotype.Component;

/**
 * The switches a tester may flip while the application runs ({@code POST /sandbox/api/settings}):
 * flood limits off makes fast tests possible, privacy mode off shows what a bot with full access sees,
 * a latency makes every Bot API call the bot makes take that long (a slow network, a busy Telegram).
 */
@Component
@ConditionalOnSandbox
class SandboxSettings {

    private volatile boolean floodLimits;
    private volatile boolean privacyMode;
    private volatile java.time.Duration botLatency = java.time.Duration.ZERO;

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

    java.time.Duration botLatency() {
        return botLatency;
    }

    void botLatency(java.time.Duration latency) {
        this.botLatency = latency;
    }
}
