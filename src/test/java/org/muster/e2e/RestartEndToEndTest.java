package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.muster.MusterApplication;
import org.muster.support.SandboxClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart keeps what was recorded (the chosen language, in PostgreSQL) and a conversation in
 * progress (in Redis). The emulator here keeps nothing, so the user and chat are opened again.
 */
class RestartEndToEndTest {

    private static ConfigurableApplicationContext start() {
        // both runs are one installation: the same database, not one of its own per run
        return new SpringApplicationBuilder(MusterApplication.class).profiles("test").run("--muster.embedded.database-name=restart_test");
    }

    private static SandboxClient sandbox(ConfigurableApplicationContext context) {
        return new SandboxClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void theLanguageAndAConversationInProgressSurviveARestart() {
        long userId = ThreadLocalRandom.current().nextLong(10_000_000_000L, 20_000_000_000L);
        long otherId = userId + 1;
        try (ConfigurableApplicationContext first = start()) {
            SandboxClient sandbox = sandbox(first);
            sandbox.createUser(userId, "Lin", "zh-hans");
            sandbox.createUser(otherId, "Bo", "zh-hans");
            long chat = sandbox.privateChat(userId);
            long otherChat = sandbox.privateChat(otherId);
            int asked = sandbox.say(chat, userId, "/lang");
            sandbox.nextBotMessage(chat, asked);
            int chosen = sandbox.say(chat, userId, "English");
            assertThat(sandbox.nextBotMessage(chat, chosen).path("text").asString()).startsWith("OK, I will talk to you in English");
            int otherAsked = sandbox.say(otherChat, otherId, "/lang");
            sandbox.nextBotMessage(otherChat, otherAsked);
        }

        try (ConfigurableApplicationContext second = start()) {
            SandboxClient sandbox = sandbox(second);
            sandbox.createUser(userId, "Lin", "zh-hans");
            sandbox.createUser(otherId, "Bo", "zh-hans");
            long chat = sandbox.privateChat(userId);
            long otherChat = sandbox.privateChat(otherId);

            int help = sandbox.say(chat, userId, "/help");
            assertThat(sandbox.nextBotMessage(chat, help).path("text").asString()).contains("Commands you can use");

            int answer = sandbox.say(otherChat, otherId, "English");
            assertThat(sandbox.nextBotMessage(otherChat, answer).path("text").asString())
                    .as("the question asked before the restart is still open").startsWith("OK, I will talk to you in English");
        }
    }
}
