package org.muster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.apache.commons.logging.Log;

/**
 * One embedded PostgreSQL and one embedded Redis per JVM, however many application contexts
 * ask for them (the tests start several).
 */
final class EmbeddedServers {

    private static EmbeddedDatabase.Endpoint database;
    private static String redis;

    private EmbeddedServers() {
    }

    static synchronized EmbeddedDatabase.Endpoint database(Path dataDir, boolean ephemeral, Log log) {
        if (database == null) {
            database = EmbeddedDatabase.start(dataDir.resolve("postgres"), ephemeral, log);
        }
        return database;
    }

    static synchronized String redis(Path dataDir, boolean ephemeral, Log log) {
        if (redis == null) {
            redis = EmbeddedRedis.start(dataDir.resolve("redis"), ephemeral, log);
        }
        return redis;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for an embedded server", e);
        }
    }
}
