package org.muster.scale;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's nginx run as this user, with a prefix of its own in a temporary directory (pid, logs and
 * temp paths inside it), in front of the instances. Its server block (every location: the webhook, the
 * public pages, the 404 for the rest) and upstream parameters are taken from what ships:
 * {@code deploy/nginx-compose.conf}, with its {@code listen} on a port of the test's and the compose
 * service names replaced by the instances' ports.
 *
 * <p>{@code proxy_next_upstream} as it ships passes an update on only when it could not be sent (an
 * instance killed: connection refused); one already sent to an instance that then died or answered 503
 * is not passed on (no {@code non_idempotent}), and the stand-in, as Telegram, delivers it again after a
 * short back-off. Passing a sent POST on could hand an update to a second instance while the first is
 * still handling it; Telegram's re-delivery comes later, when the first has finished or its claim ran out.
 */
final class Nginx implements AutoCloseable {

    static final Path SHIPPED = Path.of("deploy", "nginx-compose.conf");

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The nginx binary on PATH or in /usr/sbin (Debian's place, not on a normal user's PATH). */
    static Optional<Path> binary() {
        List<String> places = new java.util.ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            places.addAll(List.of(path.split(File.pathSeparator)));
        }
        places.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return places.stream().map(p -> Path.of(p, "nginx")).filter(Files::isExecutable).findFirst();
    }

    /**
     * The nginx binary for {@code test}; without one the test is skipped, loudly, unless {@code CI} or
     * {@code MUSTER_REQUIRE_NGINX} says it must run, and then it fails.
     */
    static Path binaryFor(String test) {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            String why = test + " SKIPPED: no nginx binary on PATH or in /usr/sbin (Debian: apt-get install nginx)";
            if (System.getenv("CI") != null || System.getenv("MUSTER_REQUIRE_NGINX") != null) {
                org.junit.jupiter.api.Assertions.fail(why + ", but CI or MUSTER_REQUIRE_NGINX is set");
            }
            System.out.println("\n*** " + why + " ***\n");
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        return binary.get();
    }

    /** The shipped server block (the first one not commented out), listening on {@code port} of 127.0.0.1 instead. */
    static String shippedServer(String conf, int port) {
        String server = block(conf, "(?m)^server \\{", "'server {' block");
        Matcher listen = Pattern.compile("(?m)^(\\s*)listen \\S+;").matcher(server);
        if (!listen.find()) {
            throw new AssertionError("the server block of " + SHIPPED + " has no 'listen'");
        }
        return listen.replaceFirst("$1listen 127.0.0.1:" + port + ";");
    }

    /** The block that begins where {@code start} matches, to its closing brace. */
    private static String block(String conf, String start, String what) {
        Matcher found = Pattern.compile(start).matcher(conf);
        if (!found.find()) {
            throw new AssertionError(SHIPPED + " has no " + what);
        }
        int depth = 0;
        for (int i = found.end() - 1; i < conf.length(); i++) {
            if (conf.charAt(i) == '{') {
                depth++;
            } else if (conf.charAt(i) == '}' && --depth == 0) {
                return conf.substring(found.start(), i + 1);
            }
        }
        throw new AssertionError("unbalanced braces in " + SHIPPED);
    }

    /** The shipped upstream block, its servers replaced by {@code ports} on 127.0.0.1 with the same parameters. */
    static String upstream(String conf, List<Integer> ports) {
        Matcher block = Pattern.compile("(?s)upstream muster \\{(.*?)\\n\\}").matcher(conf);
        if (!block.find()) {
            throw new AssertionError(SHIPPED + " has no 'upstream muster' block");
        }
        String body = block.group(1);
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+\\S+(.*);\\s*$").matcher(body);
        if (!server.find()) {
            throw new AssertionError("no server line in the upstream of " + SHIPPED);
        }
        String parameters = server.group(1);
        String others = body.lines().filter(line -> !line.trim().startsWith("server ") && !line.trim().startsWith("#"))
                .filter(line -> !line.isBlank()).collect(Collectors.joining("\n"));
        String servers = ports.stream().map(p -> "    server 127.0.0.1:" + p + parameters + ";").collect(Collectors.joining("\n"));
        return "upstream muster {\n" + servers + "\n" + others + "\n}";
    }

    static Nginx start(Path binary, int port, List<Integer> upstreamPorts) {
        try {
            String shipped = Files.readString(SHIPPED, StandardCharsets.UTF_8);
            Path dir = Files.createTempDirectory("muster-nginx-");
            for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(dir.resolve(temp));
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            String conf = (root ? "user root;\n" : "") + """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                    %2$s
                    %3$s
                    }
                    """.formatted(dir, upstream(shipped, upstreamPorts), shippedServer(shipped, port));
            Path confFile = dir.resolve("nginx.conf");
            Files.writeString(confFile, conf, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", confFile.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + ": " + logs());
    }

    int port() {
        return port;
    }

    String logs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("stdout.log", "error.log")) {
            try {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    logs.append(name).append(":\n").append(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                logs.append(name).append(": ").append(e);
            }
        }
        return logs.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Path kept = Path.of("target", "jar-logs");
            Files.createDirectories(kept);
            Files.writeString(kept.resolve("nginx-" + dir.getFileName() + ".log"), logs(), StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            // a directory left in /tmp is no reason to fail
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
