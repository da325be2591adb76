package org.muster.telegram;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Where the Bot API is and how to reach it. In sandbox mode that is this application's own
 * emulator, whose port is known only once the web server is up, so the clients are made then.
 * Polling gets its own HTTP client: stopping it cancels the long poll without touching sends.
 *
 * <p>Sends reuse their connections (HTTP keep-alive): the pool keeps one idle connection for every
 * thread that may call at once, the {@code muster.telegram.senders} threads and the
 * {@value #ANSWER_THREADS} that answer buttons, so a busy sender never opens a new one. (OkHttp's
 * default pool keeps 5, whatever the number of senders: past that, connections were closed and opened
 * again, a TCP and TLS handshake each.) TelegramBots' {@code execute} is {@code executeAsync().get()},
 * so every call also goes through OkHttp's dispatcher, which by default lets only 5 calls to one host
 * run at once: it is sized the same way, so that no sender waits for another's call.
 */
@Component
class BotConnection implements ApplicationListener<WebServerInitializedEvent>, org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BotConnection.class);
    /** Threads of {@link TelegramChatSender} that answer button presses, beside its senders. */
    static final int ANSWER_THREADS = 2;
    /** Idle connections kept open this long (Telegram's front end keeps them longer). */
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    private final TelegramProperties properties;
    private final String token;
    private final String webhookSecret;
    private volatile URI apiUrl;
    private volatile TelegramClient client;
    private volatile OkHttpClient sendingHttp;
    private volatile TelegramClient pollingClient;
    private volatile OkHttpClient pollingHttp;
    private volatile int localPort;

    BotConnection(TelegramProperties properties, @Value("${muster.sandbox.bot-token:1000000001:sandbox}") String sandboxToken) {
        this.properties = properties;
        this.token = properties.sandbox() ? sandboxToken : properties.token().strip();
        this.webhookSecret = chooseSecret(properties);
        if (!properties.sandbox()) {
            connect(properties.apiUrl());
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        localPort = event.getWebServer().getPort();
        if (properties.sandbox()) {
            connect(URI.create("http://127.0.0.1:" + localPort));
            log.info("Sandbox mode: no bot token set; talking to the Bot API emulator at {} (act as users through http://localhost:{}/sandbox/api)",
                    apiUrl, localPort);
        }
    }

    private synchronized void connect(URI url) {
        TelegramUrl telegramUrl = TelegramUrl.builder()
                .schema(url.getScheme())
                .host(url.getHost())
                .port(url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80))
                .testServer(false)
                .build();
        int callers = Math.max(1, properties.senders()) + ANSWER_THREADS;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(dispatcher.getMaxRequests(), callers));
        dispatcher.setMaxRequestsPerHost(callers);
        OkHttpClient sending = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(callers, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .build();
        OkHttpClient polling = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(properties.polling().timeout().plusSeconds(15))
                .build();
        this.apiUrl = url;
        this.sendingHttp = sending;
        this.client = new OkHttpTelegramClient(sending, token, telegramUrl);
        this.pollingHttp = polling;
        this.pollingClient = new OkHttpTelegramClient(polling, token, telegramUrl);
    }

    TelegramClient client() {
        TelegramClient current = client;
        if (current == null) {
            throw new IllegalStateException("the Bot API client is not ready: the web server has not started yet");
        }
        return current;
    }

    /** The sends' HTTP client, for tests of its connection pool; null until connected. */
    OkHttpClient sendingHttp() {
        return sendingHttp;
    }

    TelegramClient pollingClient() {
        client();
        return pollingClient;
    }

    /**
     * OkHttp's dispatcher threads are not daemons and linger a minute after their last call: a start
     * that failed (a refused webhook) would leave the JVM running that long. Beans that send are
     * destroyed before this one, which they depend on.
     */
    @Override
    public void destroy() {
        for (OkHttpClient http : new OkHttpClient[] {sendingHttp, pollingHttp}) {
            if (http != null) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
    }

    /** Cancels a long poll in flight, for a quick shutdown. */
    void cancelPolling() {
        OkHttpClient http = pollingHttp;
        if (http != null) {
            http.dispatcher().cancelAll();
        }
    }

    boolean sandbox() {
        return properties.sandbox();
    }

    URI apiUrl() {
        return apiUrl;
    }

    /** The token, only to keep it out of what is shown or logged. */
    String token() {
        return token;
    }

    long botId() {
        return Long.parseLong(token.substring(0, token.indexOf(':')));
    }

    String webhookSecret() {
        return webhookSecret;
    }

    /** The URL Telegram should post updates to. */
    String webhookUrl() {
        if (properties.webhookUrl() != null && !properties.webhookUrl().isBlank()) {
            return properties.webhookUrl().strip();
        }
        if (properties.sandbox()) {
            return "http://127.0.0.1:" + localPort + properties.webhookPath();
        }
        throw new IllegalStateException("webhook mode needs muster.telegram.webhook-url (MUSTER_TELEGRAM_WEBHOOK_URL)");
    }

    private static String chooseSecret(TelegramProperties properties) {
        if (properties.webhookSecret() != null && !properties.webhookSecret().isBlank()) {
            String secret = properties.webhookSecret().strip();
            if (!secret.matches("[A-Za-z0-9_-]{1,256}")) {
                throw new IllegalStateException("muster.telegram.webhook-secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
            }
            return secret;
        }
        if (properties.mode() == TelegramProperties.Mode.WEBHOOK && !properties.sandbox()) {
            throw new IllegalStateException("webhook mode needs muster.telegram.webhook-secret (MUSTER_TELEGRAM_WEBHOOK_SECRET)");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
