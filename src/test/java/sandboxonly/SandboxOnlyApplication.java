package sandboxonly;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The smallest application that serves the emulator: Spring MVC and {@code org.muster.sandbox},
 * no database. It lives outside {@code org.muster} so that MusterApplication's component scan in
 * the other tests never finds it. {@link #PROPERTIES} point the datasource and Redis at dead ports
 * so the project's embedded-server post-processor starts nothing.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class},
        // the event publication registry keeps its events in the database this application has not
        excludeName = {"org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
                "org.springframework.modulith.events.config.EventPublicationAutoConfiguration"})
@ComponentScan("org.muster.sandbox")
public class SandboxOnlyApplication {

    public static final String[] PROPERTIES = {
            "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unused",
            "muster.redis.url=redis://127.0.0.1:1",
            "muster.telegram.token=",
            "muster.sandbox.enabled=true",
            "management.server.port=0",
            "management.endpoint.health.group.readiness.include=readinessState",
            "muster.sandbox.flood-limits=false",
            "muster.sandbox.state-file=",
            "spring.main.banner-mode=off"};

    /** As command-line arguments, which win over application.yml (default properties would not). */
    public static String[] arguments(java.util.List<String> properties) {
        java.util.Map<String, String> last = new java.util.LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            last.put(property.substring(0, equals), property.substring(equals + 1));
        }
        return last.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
