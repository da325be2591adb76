package org.muster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL settings the operator guide documents reach the connections: the property paths of
 * config/application.example.yml, bound by the same auto-configuration that makes Muster's DataSource
 * (Muster defines no DataSource of its own), on the test server.
 */
class DatabaseSettingsTest {

    private final DriverManagerDataSource server = TestServers.dataSource();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + server.getUrl(),
                    "spring.datasource.username=" + server.getUsername(),
                    "spring.datasource.password=" + (server.getPassword() == null ? "" : server.getPassword()));

    @Test
    void theStatementTimeoutGivenAsAConnectionOptionHoldsOnEveryConnection() {
        runner.withPropertyValues("spring.datasource.hikari.data-source-properties.options=-c statement_timeout=1500ms",
                "spring.datasource.hikari.maximum-pool-size=3").run(context -> {
            assertThat(context).hasNotFailed();
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(dataSource).isInstanceOf(HikariDataSource.class);
            assertThat(((HikariDataSource) dataSource).getMaximumPoolSize()).isEqualTo(3);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            assertThat(jdbc.sql("show statement_timeout").query(String.class).single()).isEqualTo("1500ms");
            // enforced, not only shown: a statement that runs longer is cancelled by the server
            assertThatThrownBy(() -> jdbc.sql("select pg_sleep(5)").query().listOfRows())
                    .hasStackTraceContaining("statement timeout");
        });
    }

    @Test
    void withoutTheOptionTheServerDefaultHolds() {
        runner.run(context -> assertThat(JdbcClient.create(context.getBean(DataSource.class)).sql("show statement_timeout")
                .query(String.class).single()).isEqualTo("0"));
    }
}
