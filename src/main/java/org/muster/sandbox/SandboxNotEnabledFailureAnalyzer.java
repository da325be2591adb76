package org.muster.sandbox;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the refused start into the operator's two choices, without a stack trace. */
class SandboxNotEnabledFailureAnalyzer extends AbstractFailureAnalyzer<SandboxSwitch.SandboxNotEnabledException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SandboxSwitch.SandboxNotEnabledException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Give Muster your bot's token (MUSTER_TELEGRAM_TOKEN=123456789:AA...), or, to try Muster out with the "
                        + "built-in emulator and never with real records, set MUSTER_SANDBOX_ENABLED=true.", cause);
    }
}
