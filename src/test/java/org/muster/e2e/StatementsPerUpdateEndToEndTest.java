package org.muster.e2e;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.conversation.SenderFactsChanged;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.StatementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a stateless update costs in PostgreSQL: one read for the sender's roles and languages when
 * nothing changed, and that read plus one write when their app reports another language. Roles
 * changed between two updates count at the next one, at the same cost: nothing is cached.
 */
@EndToEndTest
@Import(StatementCounter.class)
@org.springframework.test.context.TestPropertySource(properties = "muster.dispatch.sender-facts=1m")
class StatementsPerUpdateEndToEndTest {

    private static final String WORKER = "muster-worker-";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    private SandboxClient sandbox;
    private long user;
    private long chat;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        // the context's first update sets things up (the bot's profile, the catalog) whose statements are not an update's
        long warm = sandbox.createUser("Warm", "en");
        long warmChat = sandbox.privateChat(warm);
        sandbox.nextBotMessage(warmChat, sandbox.say(warmChat, warm, "/help"));
        user = sandbox.createUser("Counted", "en");
        chat = sandbox.privateChat(user);
    }

    /** Sends /help, waits for its answer (sent after the update's statements), and says what it cost. */
    private Cost help() {
        StatementCounter.reset();
        int sent = sandbox.say(chat, user, "/help");
        String text = sandbox.nextBotMessage(chat, sent).path("text").asString();
        Map<String, Long> statements = StatementCounter.statements();
        Map<String, Long> commits = StatementCounter.commits();
        return new Cost(text, statements.getOrDefault(WORKER, 0L), commits.getOrDefault(WORKER, 0L));
    }

    private record Cost(String text, long statements, long commits) {
    }

    private String appLanguage() {
        return jdbc.sql("select app_language from user_setting where user_id = :user").param("user", user)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void aStatelessUpdateReadsOnceAndThenNothingWhileNothingChanged() {
        Cost first = help();
        assertThat(first.text()).contains("Commands you can use");
        assertThat(first.statements()).as("the read, and the app language, new").isEqualTo(2);
        assertThat(appLanguage()).isEqualTo("en");

        Cost again = help();
        assertThat(again.text()).contains("Commands you can use");
        assertThat(again.statements()).as("the read, kept in Redis with the done mark").isEqualTo(1);
        assertThat(again.commits()).as("no transaction").isZero();

        Cost kept = help();
        assertThat(kept.text()).contains("Commands you can use");
        assertThat(kept.statements()).as("statements of a /help when nothing changed").isZero();
    }

    @Test
    void anAppLanguageChangeIsTheOnlyWrite() {
        help();
        assertThat(help().statements()).as("read and kept").isEqualTo(1);

        // the user switched their Telegram app to Chinese
        sandbox.createUser(user, "Counted", "zh");
        Cost changed = help();
        assertThat(changed.text()).contains("你可以使用的命令");
        assertThat(changed.statements()).as("the write of the new app language (the rest was kept)").isEqualTo(1);
        assertThat(changed.commits()).isZero();
        assertThat(appLanguage()).isEqualTo("zh");

        assertThat(help().statements()).as("the write made the kept facts old: read again").isEqualTo(1);
        assertThat(help().statements()).as("once stored and kept, nothing more").isZero();
    }

    @Test
    void rolesChangedThroughMusterCountAtTheNextUpdate() {
        help();
        assertThat(help().text()).doesNotContain("/grant");

        assertThat(help().statements()).as("kept").isZero();

        // as Muster's own writers do it: the change, then its event
        jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:user, 'coordinator', 0)").param("user", user).update();
        events.publishEvent(new SenderFactsChanged(user));
        Cost granted = help();
        assertThat(granted.text()).contains("/grant");
        assertThat(granted.statements()).isEqualTo(1);
        assertThat(help().statements()).isZero();

        jdbc.sql("delete from staff_role where user_id = :user").param("user", user).update();
        events.publishEvent(new SenderFactsChanged(user));
        Cost revoked = help();
        assertThat(revoked.text()).doesNotContain("/grant");
        assertThat(revoked.statements()).isEqualTo(1);
    }
}
