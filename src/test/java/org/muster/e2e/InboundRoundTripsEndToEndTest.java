package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.RedisMonitor;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What one update costs Redis, read off the server itself ({@code MONITOR}, which tells a client's
 * command from one a Lua script runs): a stateless {@code /help} and a sign-up flow step each cost the
 * update path (claim, conversation, save, done mark) at most 2 and 3 round trips, besides the pacer's
 * (its keys are {@code muster:rate:*}; once it is one script per send, the totals are at most 3 and 4).
 */
@EndToEndTest
@org.springframework.test.context.TestPropertySource(properties = "muster.dispatch.sender-facts=1m")
class InboundRoundTripsEndToEndTest {

    @LocalServerPort
    int port;

    @Value("${muster.redis.url}")
    String redisUrl;

    private SandboxClient sandbox;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
    }

    @Test
    void aStatelessCommandCostsTheUpdatePathTwoRoundTripsAndAFlowStepThree() throws Exception {
        long user = sandbox.createUser("Counted", "en");
        long chat = sandbox.privateChat(user);
        // the scripts are known to the server after a first update, as they are in a running instance
        sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/help"));

        Commands help = during(() -> sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/help")));
        sandbox.nextBotMessage(chat, sandbox.say(chat, user, "/signup"));
        Commands name = during(() -> sandbox.nextBotMessage(chat, sandbox.say(chat, user, "Ada Counted")));
        Commands wrongPhone = during(() -> sandbox.nextBotMessage(chat, sandbox.say(chat, user, "12")));

        System.out.printf("Redis round trips of the update path (pacer's apart): /help %s; sign-up name %s; wrong phone %s%n",
                help.updatePath(), name.updatePath(), wrongPhone.updatePath());
        System.out.printf("pacer's: /help %s; sign-up name %s; wrong phone %s%n", help.pacer(), name.pacer(), wrongPhone.pacer());
        assertThat(help.updatePath()).as("/help: " + help.all).hasSizeLessThanOrEqualTo(2).allMatch(c -> c.startsWith("evalsha"));
        assertThat(name.updatePath()).as("name step: " + name.all).hasSizeLessThanOrEqualTo(3).allMatch(c -> c.startsWith("evalsha"));
        assertThat(wrongPhone.updatePath()).as("wrong phone: " + wrongPhone.all).hasSizeLessThanOrEqualTo(3)
                .allMatch(c -> c.startsWith("evalsha"));
        // the proof that MONITOR saw them: the claim and the done mark of each update, and the save of each step
        assertThat(help.updatePath()).hasSize(2);
        assertThat(name.updatePath()).hasSize(3);
    }

    /** Top-level commands other clients sent while {@code action} ran, without what scripts ran inside. */
    private record Commands(List<String> all) {

        /** Without the pacer's, and without the PINGs of the connection pool's idle test (every 30 s, no update's). */
        List<String> updatePath() {
            return all.stream().filter(c -> !c.contains("muster:rate:")).map(Commands::name).filter(name -> !name.equals("ping")).toList();
        }

        List<String> pacer() {
            return all.stream().filter(c -> c.contains("muster:rate:")).map(Commands::name).toList();
        }

        private static String name(String command) {
            return RedisMonitor.name(command);
        }
    }

    private Commands during(Runnable action) throws Exception {
        return new Commands(RedisMonitor.commandsDuring(redisUrl, action::run));
    }
}
