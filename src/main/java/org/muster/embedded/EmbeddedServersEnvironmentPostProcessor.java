package org.muster.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Fills in the PostgreSQL and Redis endpoints before any bean is created: a URL given by the
 * operator wins; otherwise an embedded server is started, if its library is on the class path.
 * Runs after the configuration files are read, so {@code application.yml} and environment
 * variables are already visible.
 */
class EmbeddedServersEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DATASOURCE_URL = "spring.datasource.url";
    static final String REDIS_URL = "muster.redis.url";
    static final String REDIS_CLUSTER_NODES = "muster.redis.cluster-nodes";
    /** Read by the sandbox switch: an embedded database holds no real records. */
    static final String DATABASE_STARTED = "muster.embedded.database-started";
    private static final String POSTGRES_LIBRARY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    private static final String REDIS_LIBRARY = "redis.embedded.RedisServer";

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private final Log log;

    EmbeddedServersEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedServersEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        // before the sandbox switch, which asks whether the database is a throw-away one
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        String databaseUrl = env.getProperty(DATASOURCE_URL);
        if (StringUtils.hasText(databaseUrl)) {
            DatabaseUrl.toJdbc(databaseUrl).ifPresent(jdbc -> {
                overrides.put(DATASOURCE_URL, jdbc.url());
                jdbc.username().ifPresent(user -> overrides.put("spring.datasource.username", user));
                jdbc.password().ifPresent(password -> overrides.put("spring.datasource.password", password));
            });
        }
        boolean needDatabase = !StringUtils.hasText(databaseUrl);
        // a Redis Cluster named by its nodes (a list, so bound rather than read as one property) is Redis enough
        boolean needRedis = !StringUtils.hasText(env.getProperty(REDIS_URL))
                && Binder.get(env).bind(REDIS_CLUSTER_NODES, Bindable.listOf(String.class)).orElse(List.of()).stream()
                        .noneMatch(StringUtils::hasText);
        if (needDatabase || needRedis) {
            if (!env.getProperty("muster.embedded.enabled", Boolean.class, true)) {
                throw new IllegalStateException(missing(needDatabase, needRedis)
                        + " and muster.embedded.enabled is false");
            }
            boolean ephemeral = env.getProperty("muster.embedded.ephemeral", Boolean.class, false);
            Path dataDir = Path.of(env.getProperty("muster.embedded.data-dir", "data")).toAbsolutePath().normalize();
            ClassLoader loader = application.getClassLoader();
            if (needDatabase) {
                requireLibrary(POSTGRES_LIBRARY, loader, "PostgreSQL", "SPRING_DATASOURCE_URL");
                EmbeddedDatabase.Endpoint db = EmbeddedServers.database(dataDir, ephemeral, log);
                String name = databaseName(env);
                if (name != null) {
                    db = EmbeddedDatabase.ensureDatabase(db, name);
                }
                overrides.put(DATASOURCE_URL, db.jdbcUrl());
                overrides.put("spring.datasource.username", db.user());
                overrides.put("spring.datasource.password", "");
                overrides.put(DATABASE_STARTED, true);
            }
            if (needRedis) {
                requireLibrary(REDIS_LIBRARY, loader, "Redis", "MUSTER_REDIS_URL");
                overrides.put(REDIS_URL, EmbeddedServers.redis(dataDir, ephemeral, log));
            }
        }
        if (!overrides.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("musterServerEndpoints", overrides));
        }
    }

    /**
     * The database of the embedded server this application uses: the one named by
     * {@code muster.embedded.database-name} (made when missing), or with
     * {@code muster.embedded.database-per-context} a new one for each application started in this JVM, so
     * that the scheduled work of one test context (claiming rows to edit or send) never takes rows another
     * context made and sends them to its own emulator; otherwise the server's own ({@code null}).
     */
    private static String databaseName(ConfigurableEnvironment env) {
        String named = env.getProperty("muster.embedded.database-name");
        if (StringUtils.hasText(named)) {
            return named;
        }
        if (env.getProperty("muster.embedded.database-per-context", Boolean.class, false)) {
            return "muster_context_" + CONTEXTS.incrementAndGet();
        }
        return null;
    }

    private static void requireLibrary(String type, ClassLoader loader, String server, String variable) {
        if (!ClassUtils.isPresent(type, loader)) {
            throw new IllegalStateException("No " + server + " is configured (set " + variable
                    + "). The production jar has no embedded " + server + "; embedded servers are for "
                    + "`mvn spring-boot:run` and the tests.");
        }
    }

    private static String missing(boolean database, boolean redis) {
        if (database && redis) {
            return "Neither spring.datasource.url nor muster.redis.url is set";
        }
        return (database ? "spring.datasource.url" : "muster.redis.url") + " is not set";
    }
}
