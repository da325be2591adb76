package org.muster.sandbox;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Where Muster's own Telegram client finds the emulator: the token it must use and the base URL
 * ({@code http://127.0.0.1:<port>}), known once the web server has started.
 */
@Component
@ConditionalOnSandbox
public class SandboxEndpoint implements ApplicationListener<WebServerInitializedEvent> {

    private final BotIdentity bot;
    private volatile int port = -1;

    SandboxEndpoint(BotIdentity bot) {
        this.bot = bot;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // the management server, if it has its own port, announces itself under a namespace
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** The bot token the emulator accepts. */
    public String token() {
        return bot.token();
    }

    /** The emulated bot's user id. */
    public long botId() {
        return bot.id();
    }

    /** The emulated bot's username, without the {@code @}. */
    public String botUsername() {
        return bot.username();
    }

    /** The host the emulator listens on, for {@code TelegramUrl}. */
    public String host() {
        return "127.0.0.1";
    }

    /**
     * The port of the application's web server, which serves the emulator.
     *
     * @throws IllegalStateException before the web server has started
     */
    public int port() {
        int known = port;
        if (known < 0) {
            throw new IllegalStateException("the web server has not started yet; ask again once it has");
        }
        return known;
    }

    /** {@code http://127.0.0.1:<port>}, the Bot API base URL to give a client instead of api.telegram.org. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }
}
