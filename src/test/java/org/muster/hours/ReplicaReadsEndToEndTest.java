package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code muster.datasource.replica.url} set, the figures and exports are read from the replica,
 * on read-only connections, while everything else stays on the primary. The "replica" here is a
 * database of its own on the test server holding different volunteers, so the figures show which
 * one was read.
 */
@EndToEndTest
class ReplicaReadsEndToEndTest {

    private static final DriverManagerDataSource REPLICA = TestServers.freshDatabase("replica");
    private static final int ON_REPLICA = 7;

    @DynamicPropertySource
    static void replica(DynamicPropertyRegistry registry) {
        registry.add("muster.datasource.replica.url", REPLICA::getUrl);
        registry.add("muster.datasource.replica.username", REPLICA::getUsername);
        registry.add("muster.datasource.replica.password", () -> REPLICA.getPassword() == null ? "" : REPLICA.getPassword());
        registry.add("muster.datasource.replica.maximum-pool-size", () -> "2");
        registry.add("muster.datasource.replica.statement-timeout", () -> "45s");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient primary;

    @Autowired
    ReportingReads reads;

    @Test
    void statisticsAndExportsReadTheReplicaOnReadOnlyConnections() {
        JdbcClient replica = JdbcClient.create(REPLICA);
        replica.sql("""
                insert into volunteer (public_id, telegram_user_id, real_name, phone, consent_at)
                select 'R' || g, 8800000000 + g, 'replica ' || g, '+8613900000000', now() from generate_series(1, :n) g
                """).param("n", ON_REPLICA).update();
        int onPrimary = primary.sql("select count(*) from volunteer where forgotten_at is null").query(Integer.class).single();
        assertThat(onPrimary).as("the primary holds other volunteers than the replica").isNotEqualTo(ON_REPLICA);

        SandboxClient sandbox = new SandboxClient(port);
        JsonNode figures = JsonMapper.builder().build().readTree(sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/api/stats"))
                .header("Authorization", "Bearer " + EndToEndConfiguration.API_TOKEN).build()).body());

        assertThat(figures.path("volunteers").asInt()).isEqualTo(ON_REPLICA);
        assertThat(reads.fromReplica()).isTrue();
        assertThat(reads.jdbc().sql("select current_database()").query(String.class).single())
                .isEqualTo(replica.sql("select current_database()").query(String.class).single());
        assertThat(reads.jdbc().sql("show transaction_read_only").query(String.class).single()).isEqualTo("on");
        assertThat(reads.jdbc().sql("show statement_timeout").query(String.class).single()).isEqualTo("45s");
        assertThat(primary.sql("show transaction_read_only").query(String.class).single()).isEqualTo("off");
    }
}
