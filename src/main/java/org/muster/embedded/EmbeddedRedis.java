package org.muster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import redis.embedded.RedisServer;

/** Kept apart from the post-processor so that the production jar never loads this class. */
final class EmbeddedRedis {

    private EmbeddedRedis() {
    }

    static String start(Path dir, boolean ephemeral, Log log) {
        try {
            int port = EmbeddedServers.freePort();
            var builder = RedisServer.newRedisServer().bind("127.0.0.1").port(port);
            if (ephemeral) {
                builder.setting("save \"\"").setting("appendonly no");
            } else {
                Files.createDirectories(dir);
                builder.setting("dir \"" + dir + "\"").setting("appendonly yes").setting("save 60 1");
            }
            RedisServer server = builder.build();
            server.start();
            Runnable stop = () -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    log.warn("the embedded Redis did not stop cleanly", e);
                }
            };
            if (ephemeral) {
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "embedded-redis-stop"));
            } else {
                SpringApplication.getShutdownHandlers().add(stop);
            }
            log.info("Embedded Redis on port " + port + (ephemeral ? " (throw-away data)" : ", data kept in " + dir));
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded Redis did not start", e);
        }
    }
}
