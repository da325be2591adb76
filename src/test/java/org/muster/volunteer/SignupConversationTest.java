package org.muster.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.embedded.TestServers;
import org.muster.support.Fixtures;
import org.muster.support.TestCatalog;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.JedisPooled;

/** The sign-up flow in the engine (real Redis): its state survives between steps, expires, and cancels. */
class SignupConversationTest {

    private static JedisPooled redis;
    private final SignupFlow flow = new SignupFlow(TestCatalog.nanjing());
    private final long user = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    private FlowEngine engine;

    @BeforeAll
    static void connect() {
        redis = new JedisPooled(URI.create(TestServers.redisUrl()));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private FlowEngine engine() {
        if (engine == null) {
            engine = FlowEngines.create(redis, flow, new TransactionTemplate(new DataSourceTransactionManager(TestServers.dataSource())));
        }
        return engine;
    }

    private Turn say(String text, java.time.Instant at) {
        Inbound inbound = Fixtures.text(ThreadLocalRandom.current().nextLong(1, 1L << 40), Fixtures.privateChat(user), Fixtures.user(user), text);
        return Fixtures.turn(inbound, Locale.SIMPLIFIED_CHINESE, at);
    }

    private static String firstKey(List<Outbound> replies) {
        return ((Outbound.Send) replies.get(0)).text().key();
    }

    @Test
    void answersAreKeptBetweenStepsAndAnUnansweredSignupExpires() {
        engine().start(say("/signup", Fixtures.NOW), flow, flow.begin(say("/signup", Fixtures.NOW), ""));
        assertThat(firstKey(engine().continueFlow(say("张伟", Fixtures.NOW.plusSeconds(60))).orElseThrow())).isEqualTo("signup.ask_phone");
        assertThat(engine().activeFlow(user, user)).contains("signup");

        List<Outbound> late = engine().continueFlow(say("13800138000", Fixtures.NOW.plus(Duration.ofMinutes(32)))).orElseThrow();

        Outbound.Send notice = (Outbound.Send) late.get(0);
        assertThat(notice.text().key()).isEqualTo("conversation.expired");
        assertThat(((Txt) notice.text().args().get(0)).key()).isEqualTo("signup.restart");
        assertThat(engine().activeFlow(user, user)).isEmpty();
    }

    @Test
    void cancelDropsTheHalfFilledSignup() {
        engine().start(say("/signup", Fixtures.NOW), flow, flow.begin(say("/signup", Fixtures.NOW), ""));
        engine().continueFlow(say("张伟", Fixtures.NOW));

        assertThat(engine().cancel(user, user)).isTrue();
        assertThat(engine().continueFlow(say("13800138000", Fixtures.NOW))).isEmpty();
    }

    /** Builds an engine for one flow, without Spring. */
    static final class FlowEngines {
        static FlowEngine create(JedisPooled redis, SignupFlow flow, TransactionTemplate transactions) {
            return org.muster.conversation.FlowEngineTestAccess.engine(redis, List.of(flow), transactions);
        }
    }




}
