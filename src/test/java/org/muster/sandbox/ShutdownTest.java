package org.muster.sandbox;

import sandboxonly.SandboxOnlyApplication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the application answers held requests instead of waiting out their timeouts. */
class ShutdownTest {

    @Test
    void aHeldLongPollDoesNotDelayShutdown() throws Exception {
        List<String> properties = new ArrayList<>(List.of(SandboxOnlyApplication.PROPERTIES));
        properties.add("server.port=0");
        properties.add("server.shutdown=graceful");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SandboxOnlyApplication.class)
                .run(SandboxOnlyApplication.arguments(properties));
        ControlApi control = new ControlApi(context.getBean(SandboxEndpoint.class).port());
        long user = control.privateChat("Held");
        CompletableFuture<ControlApi.Response> poll = CompletableFuture.supplyAsync(() ->
                control.call("POST", "/bot1000000001:sandbox/getUpdates", ControlApi.json().put("timeout", 50)));
        CompletableFuture<ControlApi.Response> wait = CompletableFuture.supplyAsync(() ->
                control.call("GET", "/sandbox/api/chats/" + user + "/messages/wait?timeout=50", null));
        control.awaitHeld("get_updates", 1);
        control.awaitHeld("transcript_waits", 1);
        assertThat(poll).isNotDone();
        assertThat(wait).isNotDone();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

        // both would be held for 50 seconds; the stop answers them long before
        assertThat(poll.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(wait.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        closing.get(60, TimeUnit.SECONDS);
    }
}
