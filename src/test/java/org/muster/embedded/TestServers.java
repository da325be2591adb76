package org.muster.embedded;

import java.nio.file.Path;

import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The servers for tests that run without Spring: the same embedded servers the application's
 * post-processor starts (one per JVM), or those named by {@code MUSTER_TEST_DATABASE_URL} and
 * {@code MUSTER_TEST_REDIS_URL}.
 */
public final class TestServers {

    private TestServers() {
    }

    public static String redisUrl() {
        String given = System.getenv("MUSTER_TEST_REDIS_URL");
        if (given != null && !given.isBlank()) {
            return given;
        }
        return EmbeddedServers.redis(Path.of("target"), true, LogFactory.getLog(TestServers.class));
    }

    /**
     * A JDBC URL with its user, for a process of its own (the packaged jar): the running server named by
     * {@code MUSTER_TEST_DATABASE_URL}, or this JVM's embedded one.
     */
    public static String jdbcUrl() {
        DriverManagerDataSource dataSource = dataSource();
        String url = dataSource.getUrl();
        if (dataSource.getUsername() != null && !url.contains("user=")) {
            url += (url.contains("?") ? "&" : "?") + "user=" + dataSource.getUsername();
            if (dataSource.getPassword() != null && !dataSource.getPassword().isEmpty()) {
                url += "&password=" + dataSource.getPassword();
            }
        }
        return url;
    }

    public static DriverManagerDataSource dataSource() {
        String given = System.getenv("MUSTER_TEST_DATABASE_URL");
        if (given != null && !given.isBlank()) {
            DriverManagerDataSource dataSource = new DriverManagerDataSource();
            DatabaseUrl.toJdbc(given).ifPresentOrElse(jdbc -> {
                dataSource.setUrl(jdbc.url());
                jdbc.username().ifPresent(dataSource::setUsername);
                jdbc.password().ifPresent(dataSource::setPassword);
            }, () -> dataSource.setUrl(given));
            return dataSource;
        }
        EmbeddedDatabase.Endpoint endpoint = EmbeddedServers.database(Path.of("target"), true, LogFactory.getLog(TestServers.class));
        DriverManagerDataSource dataSource = new DriverManagerDataSource(endpoint.jdbcUrl());
        dataSource.setUsername(endpoint.user());
        return dataSource;
    }

    /**
     * A database of its own on the test server, migrated, for a test that claims "whatever is due"
     * and must not meet the rows other test classes left in the shared one.
     */
    public static DriverManagerDataSource freshDatabase(String prefix) {
        DriverManagerDataSource own = emptyDatabase(prefix);
        org.flywaydb.core.Flyway.configure().dataSource(own).locations("classpath:db/migration").load().migrate();
        return own;
    }

    /** A database of its own on the test server, with no migration run yet. */
    public static DriverManagerDataSource emptyDatabase(String prefix) {
        DriverManagerDataSource shared = dataSource();
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        new org.springframework.jdbc.core.JdbcTemplate(shared).execute("create database " + name);
        String url = shared.getUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        DriverManagerDataSource own = new DriverManagerDataSource(url);
        own.setUsername(shared.getUsername());
        own.setPassword(shared.getPassword());
        return own;
    }
}
