package org.muster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;

/** Kept apart from the post-processor so that the production jar never loads this class. */
final class EmbeddedDatabase {

    record Endpoint(String jdbcUrl, String user) {
    }

    private EmbeddedDatabase() {
    }

    static Endpoint start(Path dir, boolean ephemeral, Log log) {
        try {
            Path dataDir = ephemeral ? Files.createTempDirectory("muster-postgres-") : dir;
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(ephemeral)
                    .setPort(EmbeddedServers.freePort())
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // an ephemeral server dies with the JVM; a persistent one waits until Spring has
                    // closed its connections, so that no shutdown step meets a vanished database
                    .setRegisterShutdownHook(ephemeral)
                    .start();
            if (!ephemeral) {
                SpringApplication.getShutdownHandlers().add(() -> close(postgres, log));
            }
            String url = postgres.getJdbcUrl("postgres", "postgres");
            log.info("Embedded PostgreSQL on port " + postgres.getPort() + (ephemeral
                    ? " (throw-away data)" : ", data kept in " + dataDir));
            return new Endpoint(url, "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }

    /**
     * The endpoint of database {@code name} on the same server, created first when it does not exist.
     * Names are made by the application or its operator: only letters, digits and underscores.
     */
    static synchronized Endpoint ensureDatabase(Endpoint server, String name) {
        if (!name.matches("[A-Za-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("muster.embedded.database-name must be letters, digits and underscores: " + name);
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            boolean found;
            try (ResultSet rows = exists.executeQuery()) {
                found = rows.next();
            }
            if (!found) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded PostgreSQL could not make database " + name, e);
        }
        return new Endpoint(server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name), server.user());
    }

    private static void close(EmbeddedPostgres postgres, Log log) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("the embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
