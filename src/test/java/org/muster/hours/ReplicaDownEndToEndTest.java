package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.muster.jar.JarProcess;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replica that is out of reach is no outage of Muster's: the figures are read from the primary
 * meanwhile, and the primary's connections stay as they were.
 */
@EndToEndTest
class ReplicaDownEndToEndTest {

    private static final int NOTHING_LISTENS = JarProcess.freePort();

    @DynamicPropertySource
    static void replica(DynamicPropertyRegistry registry) {
        registry.add("muster.datasource.replica.url", () -> "jdbc:postgresql://127.0.0.1:" + NOTHING_LISTENS + "/muster");
        registry.add("muster.datasource.replica.username", () -> "muster_read");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient primary;

    @Autowired
    ReportingReads reads;

    @Test
    void figuresComeFromThePrimaryWhileTheReplicaIsDown() {
        int onPrimary = primary.sql("select count(*) from volunteer where forgotten_at is null").query(Integer.class).single();

        SandboxClient sandbox = new SandboxClient(port);
        HttpResponse<String> answer = sandbox.raw(HttpRequest.newBuilder(URI.create(sandbox.base() + "/api/stats"))
                .header("Authorization", "Bearer " + EndToEndConfiguration.API_TOKEN).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode figures = JsonMapper.builder().build().readTree(answer.body());
        assertThat(figures.path("volunteers").asInt()).isEqualTo(onPrimary);
        assertThat(reads.fromReplica()).isTrue();
        assertThat(reads.jdbc().sql("select current_database()").query(String.class).single())
                .isEqualTo(primary.sql("select current_database()").query(String.class).single());
        // the primary's connections are as writable as before
        assertThat(primary.sql("show transaction_read_only").query(String.class).single()).isEqualTo("off");
    }
}
