package org.muster.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Bot API that answers at once and checks nothing: {@code getMe} with the bot, every
 * {@code send…}/{@code edit…} method with a message in the chat it was sent to, everything else with
 * {@code true}. One thread per keep-alive connection. A {@code sendMessage} completes what a load
 * thread {@linkplain #expect expects} for its chat, with the time it arrived.
 */
final class FakeBotApi implements AutoCloseable {

    static final long BOT_ID = 7_000_000_001L;
    static final String BOT_USERNAME = "muster_bench_bot";

    private final ServerSocket server;
    private final Map<Long, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(1000);
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean open = true;

    FakeBotApi() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        HarnessThreads.start("botapi-accept", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Completes with {@link System#nanoTime()} when the next {@code sendMessage} to {@code chatId} arrives;
     * null when an answer to that chat is expected already (its update is still in flight).
     */
    CompletableFuture<Long> expect(long chatId) {
        CompletableFuture<Long> arrival = new CompletableFuture<>();
        return expected.putIfAbsent(chatId, arrival) == null ? arrival : null;
    }

    void forget(long chatId) {
        expected.remove(chatId);
    }

    /** Calls so far by method name (lower case). */
    long calls(String method) {
        LongAdder count = calls.get(method);
        return count == null ? 0 : count.sum();
    }

    long allCalls() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                HarnessThreads.start("botapi-" + connections.incrementAndGet(), () -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    System.err.println("fake Bot API: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (open) {
                Http1.Head head = Http1.readHead(in);
                if (head == null) {
                    return;
                }
                byte[] body = Http1.readBody(in, head);
                long arrived = System.nanoTime();
                String target = head.startLine().split(" ", 3)[1];
                int query = target.indexOf('?');
                String path = query < 0 ? target : target.substring(0, query);
                String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                byte[] answer = answer(method, body).getBytes(StandardCharsets.UTF_8);
                out.write(Http1.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
                        + "\r\n\r\n"));
                out.write(answer);
                out.flush();
                if (method.equals("sendmessage")) {
                    long chat = chatId(body);
                    CompletableFuture<Long> waiting = expected.remove(chat);
                    if (waiting != null) {
                        waiting.complete(arrived);
                    }
                }
                if (head.close()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String answer(String method, byte[] body) {
        calls.computeIfAbsent(method, m -> new LongAdder()).increment();
        if (method.equals("getme")) {
            return "{\"ok\":true,\"result\":{\"id\":" + BOT_ID + ",\"is_bot\":true,\"first_name\":\"Muster\",\"username\":\""
                    + BOT_USERNAME + "\",\"can_join_groups\":true,\"can_read_all_group_messages\":false,"
                    + "\"supports_inline_queries\":false}}";
        }
        if (method.startsWith("send") || method.startsWith("edit")) {
            long chat = chatId(body);
            return "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet() + ",\"date\":1764554400,\"chat\":{\"id\":"
                    + chat + ",\"type\":\"" + (chat > 0 ? "private" : "group") + "\"},\"text\":\"ok\"}}";
        }
        return "{\"ok\":true,\"result\":true}";
    }

    /** The {@code chat_id} of a JSON body, quoted or not; 0 when there is none. */
    static long chatId(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf("\"chat_id\"");
        if (at < 0) {
            return 0;
        }
        int i = text.indexOf(':', at) + 1;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '"')) {
            i++;
        }
        int start = i;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i > start ? Long.parseLong(text.substring(start, i)) : 0;
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
