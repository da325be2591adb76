package org.muster.demo;

import java.util.Map;

import org.muster.sandbox.ConditionalOnSandbox;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /sandbox/api/demo}: loads a demo scene and says who is who. */
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
}
