package org.muster.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import org.muster.conversation.Languages;
import org.muster.telegram.TelegramProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The console's page and assets (from {@code app-page/} on the class path). The page loads
 * {@code telegram-web-app.js}, the script through which a Mini App talks to Telegram's client: with a
 * real bot, Telegram's own; in sandbox mode, the emulator's, which plays the client's part.
 */
@Controller
class AppPageController {

    private static final String TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js";
    private static final Map<String, MediaType> FILES = Map.of(
            "index.html", MediaType.TEXT_HTML,
            "console.js", MediaType.valueOf("application/javascript"),
            "console.css", MediaType.valueOf("text/css"));

    private final boolean sandbox;

    AppPageController(TelegramProperties telegram) {
        this.sandbox = telegram.sandbox();
    }

    @GetMapping("/app")
    ResponseEntity<Void> withSlash(HttpServletRequest request) {
        // relative asset paths need the slash; the fragment (initData) survives a redirect in every browser
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(request.getContextPath() + "/app/")).build();
    }

    @GetMapping("/app/")
    ResponseEntity<byte[]> page() throws IOException {
        return file("index.html");
    }

    @GetMapping("/app/{name:[a-z-]+\\.(?:js|css)}")
    ResponseEntity<byte[]> asset(@PathVariable String name, HttpServletRequest request) throws IOException {
        if (name.equals("telegram-web-app.js")) {
            String target = sandbox ? request.getContextPath() + "/sandbox/telegram-web-app.js" : TELEGRAM_SCRIPT;
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target)).build();
        }
        if (!FILES.containsKey(name)) {
            return ResponseEntity.notFound().build();
        }
        return file(name);
    }

    /** The console's own texts ({@code i18n/app}) as written, for {@code zh} or {@code en}: the page fills in {0} itself. */
    @GetMapping(value = "/app/texts/{language}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> texts(@PathVariable String language) {
        java.util.Locale locale = switch (language) {
            case "en" -> Languages.ENGLISH;
            case "zh" -> Languages.CHINESE;
            default -> null;
        };
        if (locale == null) {
            return ResponseEntity.notFound().build();
        }
        ResourceBundle bundle = ResourceBundle.getBundle("i18n/app", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> texts = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith("app.")) {
                texts.put(key.substring(4), bundle.getString(key));
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(texts);
    }

    private static ResponseEntity<byte[]> file(String name) throws IOException {
        try (InputStream in = new ClassPathResource("app-page/" + name).getInputStream()) {
            return ResponseEntity.ok().contentType(FILES.get(name)).cacheControl(CacheControl.noCache())
                    .header("X-Content-Type-Options", "nosniff").body(in.readAllBytes());
        }
    }
}
