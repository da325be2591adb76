package org.muster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Databases of their own on the one embedded server: what keeps test contexts from taking each other's rows. */
class EmbeddedDatabaseTest {

    private static JdbcTemplate jdbc(EmbeddedDatabase.Endpoint endpoint) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(endpoint.jdbcUrl());
        dataSource.setUsername(endpoint.user());
        return new JdbcTemplate(dataSource);
    }

    @Test
    void aNamedDatabaseIsMadeOnceAndFoundAgain() {
        EmbeddedDatabase.Endpoint server = EmbeddedServers.database(Path.of("target"), true, LogFactory.getLog(getClass()));
        String name = "embedded_test_" + Long.toString(System.nanoTime(), 36);

        EmbeddedDatabase.Endpoint first = EmbeddedDatabase.ensureDatabase(server, name);
        jdbc(first).execute("create table marker (id int)");
        EmbeddedDatabase.Endpoint again = EmbeddedDatabase.ensureDatabase(server, name);

        assertThat(again.jdbcUrl()).isEqualTo(first.jdbcUrl()).isNotEqualTo(server.jdbcUrl());
        assertThat(jdbc(again).queryForObject("select current_database()", String.class)).isEqualTo(name);
        assertThat(jdbc(again).queryForObject("select count(*) from information_schema.tables where table_name = 'marker'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc(server).queryForObject("select count(*) from information_schema.tables where table_name = 'marker'", Integer.class))
                .as("the server's own database does not see it").isZero();
    }

    @Test
    void aNameThatIsNotAPlainIdentifierIsRefused() {
        EmbeddedDatabase.Endpoint server = EmbeddedServers.database(Path.of("target"), true, LogFactory.getLog(getClass()));
        assertThatThrownBy(() -> EmbeddedDatabase.ensureDatabase(server, "x\"; drop database postgres; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
