package org.muster.app;

import java.util.Optional;

import org.muster.telegram.TelegramProperties;
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

    private final String configured;
    private final boolean sandbox;
    private final Environment environment;
    private volatile String local;

    ConsoleLink(AppProperties properties, TelegramProperties telegram, Environment environment) {
        String url = properties.url().strip();
        this.configured = url.isEmpty() ? null : url.endsWith("/") ? url : url + "/";
        this.sandbox = telegram.sandbox();
        this.environment = environment;
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
