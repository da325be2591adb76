package org.muster.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The sandbox page ({@code /sandbox}): plain HTML, CSS and JavaScript from {@code sandbox-page/} on
 * the class path, served only in sandbox mode, and the long poll it follows the world with.
 */
@RestController
@ConditionalOnSandbox
class SandboxPageController {

    private static final Map<String, MediaType> FILES = Map.of(
            "app.js", new MediaType("text", "javascript", StandardCharsets.UTF_8),
            "app.css", new MediaType("text", "css", StandardCharsets.UTF_8),
            "index.html", new MediaType("text", "html", StandardCharsets.UTF_8));
    private static final int MAX_WAIT_SECONDS = 30;

    private final WorldChanges changes;

    SandboxPageController(WorldChanges changes) {
        this.changes = changes;
    }

    @GetMapping({"/sandbox", "/sandbox/"})
    ResponseEntity<byte[]> page() throws IOException {
        return file("index.html");
    }

    @GetMapping("/sandbox/page/{name}")
    ResponseEntity<byte[]> asset(@PathVariable String name) throws IOException {
        if (!FILES.containsKey(name)) {
            return ResponseEntity.notFound().build();
        }
        return file(name);
    }

    private static ResponseEntity<byte[]> file(String name) throws IOException {
        try (InputStream in = new ClassPathResource("sandbox-page/" + name).getInputStream()) {
            return ResponseEntity.ok().contentType(FILES.get(name)).cacheControl(CacheControl.noCache()).body(in.readAllBytes());
        }
    }

    /** {@code {"epoch", "version"}} as soon as the world's version is not {@code after} (or after {@code timeout} seconds). */
    @GetMapping("/sandbox/api/changes")
    DeferredResult<ResponseEntity<byte[]>> changes(@RequestParam(defaultValue = "-1") long after,
                                                   @RequestParam(defaultValue = "25") int timeout) {
        int seconds = Math.max(0, Math.min(MAX_WAIT_SECONDS, timeout));
        DeferredResult<ResponseEntity<byte[]>> answer = new DeferredResult<>(Duration.ofSeconds(seconds + 10L).toMillis());
        changes.after(after, Duration.ofSeconds(seconds)).whenComplete((version, error) -> answer.setResult(ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .body(SandboxJson.bytes(SandboxJson.object().put("epoch", changes.epoch())
                        .put("version", version == null ? changes.version() : version)))));
        return answer;
    }
}
