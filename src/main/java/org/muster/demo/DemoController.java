package org.muster.demo;

import java.util.Map;

import org.muster.sandbox.ConditionalOnSandbox;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /sandbox/api/demo}: empties the sandbox, loads the demo scene and says who is who;
 * {@code POST /sandbox/api/reset}: empties the sandbox (the emulated Telegram and Muster's records
 * behind it). Sandbox mode only, and, like the whole control API, for this machine only.
 */
@RestController
@ConditionalOnSandbox
class DemoController {

    private final DemoScene scene;

    DemoController(DemoScene scene) {
        this.scene = scene;
    }

    @PostMapping("/sandbox/api/demo")
    ResponseEntity<?> load() {
        try {
            return ResponseEntity.ok(scene.load());
        } catch (IllegalStateException e) {
            return ResponseEntity.status(503).body(Map.of("error", e.getMessage()));
        }
    }

    @PostMapping("/sandbox/api/reset")
    ResponseEntity<SandboxReset.Done> reset() {
        return ResponseEntity.ok(scene.reset());
    }
}
