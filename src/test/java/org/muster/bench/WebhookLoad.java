package org.muster.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed loop of webhook deliveries: {@code concurrency} threads, each on its own keep-alive
 * HTTP/1.1 connection, each posting one update and waiting until its answer ({@code sendMessage} to
 * that chat) reached the {@link FakeBotApi} before posting the next. Users are taken in turn, so the
 * updates in flight are always for different chats. Latency is from writing the update to the
 * {@code sendMessage}'s arrival.
 */
final class WebhookLoad {

    /** The JSON of one update for a user (whose private chat has the user's id). */
    @FunctionalInterface
    interface Updates {
        String update(long updateId, long userId);
    }

    record Result(long updates, long failures, String failureKinds, long skipped, long elapsedNanos, long[] latencyNanos) {

        double perSecond() {
            return updates / (elapsedNanos / 1e9);
        }

        double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencyNanos.length - 1, Math.max(0, Math.ceil(p * latencyNanos.length) - 1));
            return latencyNanos[index] / 1e6;
        }
    }

    private static final AtomicLong UPDATE_IDS = new AtomicLong(500_000_000L);

    private final int port;
    private final String path;
    private final String secret;
    private final FakeBotApi api;
    private final Map<String, LongAdder> failureKinds = new ConcurrentSkipListMap<>();

    WebhookLoad(int port, String path, String secret, FakeBotApi api) {
        this.port = port;
        this.path = path;
        this.secret = secret;
        this.api = api;
    }

    /** Until {@code nanos} have passed (each thread finishes the update it is on). */
    Result forNanos(int concurrency, long firstUser, int users, Updates updates, long nanos) throws InterruptedException {
        return run(concurrency, firstUser, users, updates, Long.MAX_VALUE, nanos);
    }

    /** Exactly {@code count} updates, user after user. */
    Result count(int concurrency, long firstUser, int users, Updates updates, long count) throws InterruptedException {
        return run(concurrency, firstUser, users, updates, count, Long.MAX_VALUE);
    }

    private Result run(int concurrency, long firstUser, int users, Updates updates, long limit, long nanos)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        LongAdder failures = new LongAdder();
        LongAdder skipped = new LongAdder();
        failureKinds.clear();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        long started = System.nanoTime();
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : started + nanos;
        for (int t = 0; t < concurrency; t++) {
            long[][] mine = new long[1][];
            HarnessThreads.start("load-" + t, () -> {
                try {
                    mine[0] = loop(sequence, limit, deadline, firstUser, users, updates, failures, skipped);
                } finally {
                    synchronized (latencies) {
                        latencies.add(mine[0] == null ? new long[0] : mine[0]);
                    }
                    done.countDown();
                }
            });
        }
        done.await();
        long elapsed = System.nanoTime() - started;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, failures.sum(), failureKinds.toString(), skipped.sum(), elapsed, all);
    }

    private long[] loop(AtomicLong sequence, long limit, long deadline, long firstUser, int users, Updates updates,
                        LongAdder failures, LongAdder skipped) {
        long[] latencies = new long[1024];
        int count = 0;
        Connection connection = null;
        try {
            while (System.nanoTime() < deadline) {
                long seq = sequence.getAndIncrement();
                if (seq >= limit) {
                    break;
                }
                long user = firstUser + seq % users;
                var reply = api.expect(user);
                if (reply == null) {
                    // this user's previous update is still on its way (a slow one, all others went round):
                    // one update at a time per chat, as Telegram delivers them
                    skipped.increment();
                    continue;
                }
                byte[] body = updates.update(UPDATE_IDS.incrementAndGet(), user).getBytes(StandardCharsets.UTF_8);
                long sent = System.nanoTime();
                int status;
                try {
                    if (connection == null) {
                        connection = new Connection();
                    }
                    status = connection.post(body);
                } catch (IOException e) {
                    // a kept-alive connection the server closed meanwhile: once more on a new one
                    closeQuietly(connection);
                    connection = null;
                    try {
                        connection = new Connection();
                        sent = System.nanoTime();
                        status = connection.post(body);
                    } catch (IOException again) {
                        closeQuietly(connection);
                        connection = null;
                        status = -1;
                    }
                }
                if (connection != null && connection.closed) {
                    closeQuietly(connection);
                    connection = null;
                }
                if (status != 200) {
                    api.forget(user);
                    failures.increment();
                    failureKinds.computeIfAbsent("HTTP " + status, k -> new LongAdder()).increment();
                    continue;
                }
                try {
                    long arrived = reply.get(30, TimeUnit.SECONDS);
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = arrived - sent;
                } catch (TimeoutException | ExecutionException e) {
                    api.forget(user);
                    failures.increment();
                    failureKinds.computeIfAbsent("no answer in 30 s", k -> new LongAdder()).increment();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            closeQuietly(connection);
        }
        return Arrays.copyOf(latencies, count);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.socket.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    private final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] head;
        boolean closed;

        Connection() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            head = Http1.ascii("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: " + secret + "\r\nContent-Length: ");
        }

        int post(byte[] body) throws IOException {
            out.write(head);
            out.write(Http1.ascii(body.length + "\r\n\r\n"));
            out.write(body);
            out.flush();
            Http1.Head answer = Http1.readHead(in);
            if (answer == null) {
                throw new IOException("connection closed before the answer");
            }
            Http1.readBody(in, answer);
            closed = answer.close();
            String[] parts = answer.startLine().split(" ", 3);
            return Integer.parseInt(parts[1]);
        }
    }
}
