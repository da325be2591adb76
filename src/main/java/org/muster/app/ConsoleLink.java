package org.muster.app;

import java.util.Optional;

import org.muster.telegram.TelegramProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where Telegram's client opens the console: {@code muster.app.url}; unset in sandbox mode, this
 * server's own address (the emulator opens it in its page); unset with a real bot, nowhere, and no
 * Mini App button is shown (Telegram opens only HTTPS addresses it can reach).
 */
@Component
public class ConsoleLink implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLink.class);

    private final String configured;
    private final boolean sandbox;
    private final Environment environment;
    private volatile String local;

    ConsoleLink(AppProperties properties, TelegramProperties telegram, Environment environment) {
        String url = properties.url().strip();
        this.configured = url.isEmpty() ? null : url.endsWith("/") ? url : url + "/";
        this.sandbox = telegram.sandbox();
        this.environment = environment;
        if (configured != null) {
            check(configured, sandbox);
        } else if (!sandbox) {
            log.warn("muster.app.url (MUSTER_APP_URL) is not set: no coordination console, certificates carry their code but no "
                    + "address or QR code to check it, and volunteers get calendar files but no subscription address");
        }
    }

    /**
     * Telegram's client opens only HTTPS addresses, and refuses a whole message whose Mini App button
     * has another: an {@code http://} address would cost every {@code /calls} and {@code /stats}
     * answer, so it stops the start instead. (The sandbox opens any.)
     */
    static void check(String url, boolean sandbox) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("muster.app.url (MUSTER_APP_URL) is not an address: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean allowed = scheme.equals("https") || sandbox && scheme.equals("http");
        if (!allowed || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("muster.app.url (MUSTER_APP_URL) must be the console's public https:// address without "
                    + "query or fragment, e.g. https://muster.example.org/app/ (Telegram opens Mini Apps only over HTTPS); it is '"
                    + url + "'");
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // the bot's own server, not the management one (which has a namespace of its own)
        if (event.getApplicationContext().getServerNamespace() == null) {
            String path = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
            local = "http://127.0.0.1:" + event.getWebServer().getPort() + path + "/app/";
        }
    }

    /**
     * Where Muster's public pages are ({@code …/calendar/…}, {@code …/verify/…}): the console's address
     * without its {@code app/}, as the same server serves both.
     */
    public Optional<String> site() {
        return url(null).map(base -> {
            String site = base.endsWith("/app/") ? base.substring(0, base.length() - "app/".length()) : java.net.URI.create(base).resolve("/").toString();
            return site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
        });
    }

    /** The console's address, opening {@code view} ({@code board}, {@code shifts}) when given. */
    public Optional<String> url(String view) {
        String base = configured != null ? configured : sandbox ? local : null;
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(view == null ? base : base + "?view=" + view);
    }
}
