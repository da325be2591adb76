package org.muster.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The sandbox page ({@code /sandbox}): plain HTML, CSS and JavaScript from {@code sandbox-page/} on
 * the class path, served only in sandbox mode, and the long poll it follows the world with. The
 * application's root redirects to it, and the start-up log says its address.
 */
@RestController
@ConditionalOnSandbox
class SandboxPageController {

    private static final Map<String, MediaType> FILES = Map.of(
            "app.js", new MediaType("text", "javascript", StandardCharsets.UTF_8),
            "app.css", new MediaType("text", "css", StandardCharsets.UTF_8),
            "index.html", new MediaType("text", "html", StandardCharsets.UTF_8),
            "telegram-web-app.js", new MediaType("application", "javascript", StandardCharsets.UTF_8));
    private static final int MAX_WAIT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(SandboxPageController.class);

    private final WorldChanges changes;
    private final SandboxEndpoint endpoint;
    private final SandboxClock clock;

    SandboxPageController(WorldChanges changes, SandboxEndpoint endpoint, SandboxClock clock) {
        this.changes = changes;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Whoever opens the application's address finds the page (instead of a JSON 404). */
    @GetMapping("/")
    ResponseEntity<Void> root(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(request.getContextPath() + "/sandbox")).build();
    }

    /** Says where the page is, once the web server listens: its real port and context path. */
    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        String contextPath = event.getApplicationContext().getEnvironment().getProperty("server.servlet.context-path", "");
        log.info("Sandbox page: {}", pageUrl(endpoint.port(), contextPath));
    }

    static String pageUrl(int port, String contextPath) {
        String path = contextPath == null || contextPath.equals("/") ? "" : contextPath.replaceAll("/+$", "");
        return "http://localhost:" + port + path + "/sandbox";
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

    /**
     * The emulated Telegram client's side of a Mini App: what https://telegram.org/js/telegram-web-app.js
     * is to a Mini App inside Telegram, for a Mini App opened in the sandbox page's panel.
     */
    @GetMapping("/sandbox/telegram-web-app.js")
    ResponseEntity<byte[]> telegramWebAppScript() throws IOException {
        return file("telegram-web-app.js");
    }

    private static ResponseEntity<byte[]> file(String name) throws IOException {
        try (InputStream in = new ClassPathResource("sandbox-page/" + name).getInputStream()) {
            return ResponseEntity.ok().contentType(FILES.get(name)).cacheControl(CacheControl.noCache()).body(in.readAllBytes());
        }
    }

    /** {@code {"epoch", "version", "now"}} ({@code now}: the emulator's Unix time, which says what "today" is) as soon as the world's version is not {@code after} (or after {@code timeout} seconds). */
    @GetMapping("/sandbox/api/changes")
    DeferredResult<ResponseEntity<byte[]>> changes(@RequestParam(defaultValue = "-1") long after,
                                                   @RequestParam(defaultValue = "25") int timeout) {
        int seconds = Math.max(0, Math.min(MAX_WAIT_SECONDS, timeout));
        DeferredResult<ResponseEntity<byte[]>> answer = new DeferredResult<>(Duration.ofSeconds(seconds + 10L).toMillis());
        changes.after(after, Duration.ofSeconds(seconds)).whenComplete((version, error) -> answer.setResult(ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .body(SandboxJson.bytes(SandboxJson.object().put("epoch", changes.epoch())
                        .put("version", version == null ? changes.version() : version).put("now", clock.unixSeconds())))));
        return answer;
    }
}
