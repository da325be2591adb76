package org.muster.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.muster.MusterApplication;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Telegram's flood limits on in the emulator and Muster's pacing on, ten groups each owed more
 * answers than a group may get in a minute do not hold up private chats: every private {@code /help}
 * is answered while the groups still wait for their last answers, and every group gets all of its
 * answers, none refused with a 429. (How long the private answers take is a benchmark's business,
 * {@code FairnessBenchmarkTest}; here the proof is the order.)
 */
@SpringBootTest(classes = MusterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"muster.telegram.pacing.enabled=true", "muster.sandbox.flood-limits=true"})
@ActiveProfiles("test")
@Import(EndToEndConfiguration.class)
class FairnessEndToEndTest {

    static final int GROUPS = 10;
    static final int PER_GROUP = 25;
    static final int PRIVATE = 20;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void privateAnswersDoNotWaitBehindGroupsOverTheirLimit() {
        SandboxClient sandbox = new SandboxClient(port);
        String bot = sandbox.get("/sandbox/api/bot").path("username").asString();
        List<long[]> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            long member = sandbox.createUser("G" + g, "en");
            long group = sandbox.group("Fair " + g, member);
            sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> !list.isEmpty());
            groups.add(new long[] {group, member});
        }
        List<long[]> people = new ArrayList<>();
        for (int p = 0; p < PRIVATE; p++) {
            long user = sandbox.createUser("P" + p, "en");
            people.add(new long[] {sandbox.privateChat(user), user});
        }
        // the groups' greetings are out: what follows is what the test owes
        int[] before = new int[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            before[g] = lastId(sandbox, groups.get(g)[0]);
        }

        for (int i = 0; i < PER_GROUP; i++) {
            for (long[] group : groups) {
                sandbox.say(group[0], group[1], "/help@" + bot);
            }
        }
        List<Integer> asked = new ArrayList<>();
        for (long[] person : people) {
            asked.add(sandbox.say(person[0], person[1], "/help"));
        }
        for (int p = 0; p < PRIVATE; p++) {
            assertThat(sandbox.nextBotMessage(people.get(p)[0], asked.get(p)).path("text").asString()).contains("Commands you can use");
        }
        // every private answer is out; the groups are still owed theirs (a group gets 20 a minute)
        int answeredInGroups = 0;
        for (int g = 0; g < GROUPS; g++) {
            answeredInGroups += answers(sandbox, groups.get(g)[0], before[g]);
        }
        assertThat(answeredInGroups).isLessThan(GROUPS * PER_GROUP);

        for (int g = 0; g < GROUPS; g++) {
            long group = groups.get(g)[0];
            int from = before[g];
            sandbox.botMessagesUntil(group, from, Duration.ofSeconds(60), list -> list.size() >= PER_GROUP);
            assertThat(answers(sandbox, group, from)).isEqualTo(PER_GROUP);
        }
        assertThat(sandbox.get("/sandbox/api/bot").path("flood_limits").path("enabled").asBoolean()).isTrue();
        // Muster stayed under the limits: Telegram never had to say 429
        assertThat(meters.find("muster.telegram.rate_limited").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    private static int lastId(SandboxClient sandbox, long chat) {
        return sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElse(0);
    }

    private static int answers(SandboxClient sandbox, long chat, int after) {
        return (int) sandbox.messages(chat, after).stream().filter(m -> "bot".equals(m.path("from").asString(""))).count();
    }
}
