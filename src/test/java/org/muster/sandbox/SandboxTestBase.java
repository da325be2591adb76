package org.muster.sandbox;

import sandboxonly.SandboxOnlyApplication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One emulator for all Spring tests of the package (the context is cached), driven by the real
 * TelegramBots client as Muster drives it and by the control API as testers do. Each test starts
 * with the update queue drained, and uses users and chats of its own.
 */
@SpringBootTest(classes = SandboxOnlyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unused",
                "muster.redis.url=redis://127.0.0.1:1",
                "muster.telegram.token=",
                "muster.sandbox.enabled=true",
                "management.server.port=0",
                "management.endpoint.health.group.readiness.include=readinessState",
                "muster.sandbox.flood-limits=false",
                "muster.sandbox.state-file="})
abstract class SandboxTestBase {

    static final String TOKEN = "1000000001:sandbox";
    static final long BOT_ID = 1000000001L;
    private static final Map<Integer, OkHttpTelegramClient> CLIENTS = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @Autowired
    SandboxClock clock;

    OkHttpTelegramClient telegram;
    ControlApi control;
    private int offset;

    @BeforeEach
    void connect() throws TelegramApiException {
        telegram = CLIENTS.computeIfAbsent(port, p -> new OkHttpTelegramClient(TOKEN, url(p)));
        control = new ControlApi(port);
        drainUpdates();
    }

    static TelegramUrl url(int port) {
        return TelegramUrl.builder().schema("http").host("127.0.0.1").port(port).testServer(false).build();
    }

    /** Forgets every pending update, so a test sees only the updates it causes. */
    void drainUpdates() throws TelegramApiException {
        List<Update> last = telegram.execute(GetUpdates.builder().offset(-1).timeout(0).build());
        offset = last.isEmpty() ? 0 : last.get(0).getUpdateId() + 1;
        if (offset != 0) {
            telegram.execute(GetUpdates.builder().offset(offset).limit(1).timeout(0).build());
        }
    }

    /** The next updates after those already taken, confirming them. */
    List<Update> updates(int timeoutSeconds) throws TelegramApiException {
        List<Update> updates = telegram.execute(GetUpdates.builder().offset(offset).timeout(timeoutSeconds).build());
        if (!updates.isEmpty()) {
            offset = updates.get(updates.size() - 1).getUpdateId() + 1;
        }
        return new ArrayList<>(updates);
    }

    List<Update> updates() throws TelegramApiException {
        return updates(0);
    }

    interface TelegramCall {
        void run() throws Exception;
    }

    /** The Bot API's refusal of a call. */
    static TelegramApiRequestException refusal(TelegramCall call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown[0] = t;
                throw t;
            }
        }).isInstanceOf(TelegramApiRequestException.class);
        return (TelegramApiRequestException) thrown[0];
    }
}
