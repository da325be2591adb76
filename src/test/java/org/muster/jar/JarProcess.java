package org.muster.jar;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/muster-*.jar} in a directory of
 * its own, configured by environment variables only, with its log in a file the test reads.
 */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path workDir;
    private final int port;
    private final int managementPort;

    private JarProcess(Process process, Path log, Path workDir, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.workDir = workDir;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The runnable jar {@code mvn package} left in {@code target/}. */
    public static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("muster-[^/]*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar") && !p.getFileName().toString().endsWith(".original"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar in target/: run mvn package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar with exactly {@code environment} (no SPRING_* or MUSTER_* variable of this JVM leaks in). */
    public static JarProcess start(Map<String, String> environment, String... arguments) {
        return start(freePort(), freePort(), environment, arguments);
    }

    /** As {@link #start(Map, String...)}, on the given ports: an instance started again behind a load balancer keeps its address. */
    public static JarProcess start(int port, int managementPort, Map<String, String> environment, String... arguments) {
        try {
            Path workDir = Files.createTempDirectory("muster-jar-");
            Path log = workDir.resolve("muster.log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar().toAbsolutePath().toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("MUSTER_") || k.startsWith("MANAGEMENT_")
                    || k.equals("SERVER_PORT"));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
            env.putAll(environment);
            builder.environment().putAll(env);
            return new JarProcess(builder.start(), log, workDir, port, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public Path workDir() {
        return workDir;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /actuator/health/readiness} on the management port answers 200, or fails with the log. */
    public JarProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar exited with " + process.exitValue() + " before it was ready:\n" + log());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the jar was not ready within " + timeout + ":\n" + log());
    }

    /** Waits for the process to end by itself; returns its exit code, or fails with the log. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the jar did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keepLog();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd stops it; then waits for the graceful end, and keeps the log in target/ for a reader. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        keepLog();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a work directory left in /tmp is no reason to fail a test
        }
    }

    /** The log, copied to target/jar-logs for a reader (a killed process's too: it is the one to read). */
    private void keepLog() {
        try {
            Path kept = Path.of("target", "jar-logs");
            Files.createDirectories(kept);
            Files.copy(log, kept.resolve(workDir.getFileName() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a log left in /tmp is no reason to fail a test
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
