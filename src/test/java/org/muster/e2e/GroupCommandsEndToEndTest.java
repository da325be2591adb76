package org.muster.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a group, every command the bot suggests is addressed to it ({@code /checkin@bot}): with privacy
 * mode on, a bare command reaches only the last bot that posted in the group. In a private chat the
 * commands stay bare.
 */
@EndToEndTest
class GroupCommandsEndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void commandsSuggestedInAGroupCarryTheBotsNameAndPrivateOnesDoNot() {
        SandboxClient sandbox = new SandboxClient(port);
        String bot = sandbox.get("/sandbox/api/bot").path("username").asString();
        long member = sandbox.createUser("Member", "en");
        long group = sandbox.group("Commands", member);
        String greeting = sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> !list.isEmpty()).get(0).path("text").asString();
        assertThat(greeting).contains("/bind@" + bot).doesNotContain("/bind ");

        int asked = sandbox.say(group, member, "/help@" + bot);
        String help = sandbox.nextBotMessage(group, asked).path("text").asString();
        assertThat(help).contains("/checkin@" + bot + " — ", "/cancel@" + bot + " — ");

        long chat = sandbox.privateChat(member);
        JsonNode answer = sandbox.nextBotMessage(chat, sandbox.say(chat, member, "/help"));
        assertThat(answer.path("text").asString()).contains("/lang — ").doesNotContain("@" + bot);
    }
}
