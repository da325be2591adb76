package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.muster.embedded.TestServers;
import org.springframework.context.support.StaticMessageSource;
import redis.clients.jedis.JedisPooled;

/**
 * Failures that pass: a Bot API that answers 502 (as Telegram's front end does under load) and
 * then recovers, and one that cannot be reached at all. A small HTTP server stands in for it, which
 * also shows that busy senders call at once and keep their connections.
 */
class SenderRetryTest {

    private HttpServer server;
    private JedisPooled redis;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
    }

    private TelegramChatSender senderFor(URI apiUrl) {
        return senderFor(apiUrl, 2);
    }

    private TelegramChatSender senderFor(URI apiUrl, int senders) {
        TelegramProperties properties = new TelegramProperties("1000000001:retry", apiUrl, TelegramProperties.Mode.POLLING,
                null, null, "/telegram/webhook", new TelegramProperties.Polling(Duration.ofSeconds(1), 100, 1000),
                new TelegramProperties.Pacing(false, 30, 5, 1, 3, 20, 20),
                new TelegramProperties.Retry(4, Duration.ofMillis(20), Duration.ofMillis(100), 3), senders);
        redis = new JedisPooled(URI.create(TestServers.redisUrl()));
        return new TelegramChatSender(new BotConnection(properties, "unused"), new SendPacer(redis, properties),
                new Texts(new StaticMessageSource()), event -> { }, properties, new SimpleMeterRegistry(),
                NONE.getBeanProvider(org.muster.conversation.CommandCatalog.class),
                NONE.getBeanProvider(org.muster.conversation.BotProfile.class));
    }

    /** No commands and no bot name: group texts go as they are. */
    private static final org.springframework.beans.factory.support.StaticListableBeanFactory NONE =
            new org.springframework.beans.factory.support.StaticListableBeanFactory();

    private static Outbound.Send hello() {
        return new Outbound.Send(77, Txt.literal("hello"), null, null, Languages.ENGLISH);
    }

    @Test
    void a5xxIsRetriedWithBackoffUntilTheApiRecovers() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean recovered = calls.incrementAndGet() > 2;
            byte[] body = (recovered
                    ? "{\"ok\":true,\"result\":{\"message_id\":31,\"date\":1764554400,\"chat\":{\"id\":77,\"type\":\"private\"},\"text\":\"hello\"}}"
                    : "<html><body>502 Bad Gateway</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(recovered ? 200 : 502, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();

        SendResult result = senderFor(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).send(hello()).join();

        assertThat(result).isEqualTo(new SendResult.Sent(31, 77));
        assertThat(calls).hasValue(3);
    }

    @Test
    void anUnreachableApiIsRetriedThenGivenUpWithoutThrowing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = senderFor(URI.create("http://127.0.0.1:" + closedPort)).send(hello()).join();

        assertThat(result).isInstanceOf(SendResult.Refused.class);
        assertThat(((SendResult.Refused) result).reason()).isEqualTo(SendResult.Reason.GAVE_UP);
    }

    @Test
    void aRejectedRequestIsNotRetried() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] body = "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();

        SendResult result = senderFor(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).send(hello()).join();

        assertThat(result).isEqualTo(new SendResult.Refused(SendResult.Reason.REJECTED, "Bad Request: chat not found"));
        assertThat(calls).hasValue(1);
    }
    /**
     * Every sender thread calls at once (TelegramBots' calls go through OkHttp's dispatcher, which by
     * default runs 5 per host) and keeps its connection (OkHttp's default pool keeps 5 idle).
     */
    @Test
    void busySendersCallAtOnceAndKeepTheirConnections() throws Exception {
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "fake-bot-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            connections.add(exchange.getRemoteAddress().getPort());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(20);
                byte[] body = "{\"ok\":true,\"result\":{\"message_id\":31,\"date\":1764554400,\"chat\":{\"id\":77,\"type\":\"private\"},\"text\":\"hello\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        int senders = 8;
        TelegramChatSender sender = senderFor(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), senders);

        List<CompletableFuture<SendResult>> sent = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            sent.add(sender.send(new Outbound.Send(1000 + i % 32, Txt.literal("hello " + i), null, null, Languages.ENGLISH)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        sender.stop();

        assertThat(sent).allMatch(f -> f.join().ok());
        assertThat(mostInFlight.get()).as("calls at once").isGreaterThan(5).isLessThanOrEqualTo(senders);
        assertThat(connections).as("connections opened for 320 calls").hasSizeLessThanOrEqualTo(senders + BotConnection.ANSWER_THREADS);
    }
}
