package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.redis.RedisKeys;
import org.muster.support.Fixtures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow engine against real Redis and PostgreSQL: state shape, advancing, invalid answers,
 * expiry, unknown states, cancel, and compare-and-set under concurrent updates.
 */
class FlowEngineTest {

    private static JedisPooled redis;
    private static DriverManagerDataSource dataSource;
    private static JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    private FlowEngine engine;
    private CountingFlow flow;
    private RecordCountHandler effects;
    private long userId;

    @BeforeAll
    static void servers() {
        redis = new JedisPooled(java.net.URI.create(TestServers.redisUrl()));
        dataSource = TestServers.dataSource();
        jdbc = JdbcClient.create(dataSource);
        // in a schema of its own: a table in "public" before the application's first migration would make
        // Flyway refuse that schema as non-empty in every test class that runs after this one
        jdbc.sql("create schema if not exists engine_test").update();
        // the audit log, where refusals are written
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc.sql("create table if not exists engine_test.step_count (user_id bigint, count int)").update();
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @BeforeEach
    void engine() {
        userId = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        flow = new CountingFlow();
        effects = new RecordCountHandler(jdbc);
        engine = newEngine();
    }

    /** The roles the database says the user holds now (looked up again inside an effect's transaction). */
    private volatile java.util.Set<Role> rolesNow = java.util.Set.of();

    private FlowEngine newEngine() {
        return FlowEngineTestAccess.engine(redis, List.of(flow), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                user -> rolesNow, effects);
    }

    private int refusalsAudited() {
        return jdbc.sql("select count(*) from audit_log where actor_id = :u and action = 'flow.refused'").param("u", userId)
                .query(Integer.class).single();
    }

    private Turn say(String text) {
        return say(text, Fixtures.NOW);
    }

    private Turn say(String text, Instant at, Role... roles) {
        Inbound.Text inbound = Fixtures.text(ThreadLocalRandom.current().nextLong(1, 1L << 40),
                Fixtures.privateChat(userId), Fixtures.user(userId), text);
        return Fixtures.turn(inbound, Locale.ENGLISH, at, roles);
    }

    private Turn coordinatorSays(String text) {
        return say(text, Fixtures.NOW, Role.COORDINATOR);
    }

    @Test
    void aConversationThatRanIdleLeavesOnlyItsFlowsNameAndTheNextAnswerIsToldItEnded() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(7)));
        // Redis let the state run out, as it does after the idle timeout
        redis.del(ConversationStore.key(RedisKeys.STANDALONE, userId, userId));

        List<Outbound> replies = engine.continueFlow(say("+")).orElseThrow();

        assertThat(replies).singleElement().extracting(o -> ((Outbound.Send) o).text().key()).isEqualTo("conversation.expired");
        assertThat(redis.exists(ConversationStore.idleMarker(RedisKeys.STANDALONE, userId, userId))).isFalse();
        assertThat(engine.continueFlow(say("+"))).isEmpty();
    }

    private int countsRecorded() {
        return jdbc.sql("select count(*) from engine_test.step_count where user_id = :u").param("u", userId).query(Integer.class).single();
    }

    @Test
    void anEffectThatRejectsTheStepRollsBackAndTheStepStaysAsAfterAWrongAnswer() {
        effects.beforeWrite = () -> {
            throw new StepRejected(say("x").reply(Txt.of("count.rejected")));
        };
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(3)));

        assertThat(keys(engine.continueFlow(say("done")).orElseThrow())).containsExactly("count.rejected");
        assertThat(countsRecorded()).as("the effect's insert was rolled back").isZero();
        // the step stayed: it goes on from the same count, and the next rejections end it as wrong answers do
        effects.beforeWrite = () -> { };
        engine.continueFlow(say("+")).orElseThrow();
        effects.beforeWrite = () -> {
            throw new StepRejected(say("x").reply(Txt.of("count.rejected")));
        };
        for (int i = 0; i < 2; i++) {
            assertThat(keys(engine.continueFlow(say("done")).orElseThrow())).containsExactly("count.rejected");
        }
        assertThat(keys(engine.continueFlow(say("done")).orElseThrow())).containsExactly("conversation.gave_up");
        assertThat(engine.activeFlow(userId, userId)).isEmpty();
        assertThat(countsRecorded()).isZero();
    }

    @Test
    void aFlowThatKeepsDraftsKeepsTheLastStepBeyondGivingUpAndCancellingAndForgetsItWhenDone() {
        flow.keeps = true;
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(1)));
        engine.continueFlow(say("+")).orElseThrow();
        for (int i = 0; i < 3; i++) {
            engine.continueFlow(say("?")).orElseThrow();
        }
        assertThat(engine.activeFlow(userId, userId)).isEmpty();
        assertThat(engine.keptDraft(say("/count"), flow)).contains(new CountingFlow.Counting(2));

        engine.start(say("/count"), flow, Transition.to(engine.keptDraft(say("/count"), flow).orElseThrow()));
        engine.continueFlow(say("+")).orElseThrow();
        assertThat(engine.cancel(userId, userId)).isTrue();
        assertThat(engine.keptDraft(say("/count"), flow)).contains(new CountingFlow.Counting(3));
        // kept for draftRetention (48 h in the tests' settings) by the turn's clock
        assertThat(engine.keptDraft(say("/count", Fixtures.NOW.plus(Duration.ofHours(47))), flow)).isPresent();
        assertThat(engine.keptDraft(say("/count", Fixtures.NOW.plus(Duration.ofHours(49))), flow)).isEmpty();

        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(5)));
        engine.continueFlow(say("done")).orElseThrow();
        assertThat(engine.keptDraft(say("/count"), flow)).as("finished: nothing to resume").isEmpty();

        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(6)));
        engine.forgetUser(userId);
        assertThat(engine.keptDraft(say("/count"), flow)).as("erased").isEmpty();
    }

    @Test
    void aFlowThatKeepsNoDraftsLeavesNone() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(1)));
        engine.cancel(userId, userId);

        assertThat(engine.keptDraft(say("/count"), flow)).isEmpty();
    }

    @Test
    void forgettingAUserEndsTheirConversationsInEveryChat() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(1)));
        Inbound.Text inGroup = Fixtures.text(ThreadLocalRandom.current().nextLong(1, 1L << 40), Fixtures.group(-100_777L),
                Fixtures.user(userId), "/count");
        engine.start(Fixtures.turn(inGroup, Locale.ENGLISH, Fixtures.NOW), flow, Transition.to(new CountingFlow.Counting(2)));

        assertThat(engine.forgetUser(userId)).isEqualTo(4);

        assertThat(redis.exists(ConversationStore.key(RedisKeys.STANDALONE, userId, userId), ConversationStore.idleMarker(RedisKeys.STANDALONE, userId, userId),
                ConversationStore.key(RedisKeys.STANDALONE, -100_777L, userId), ConversationStore.idleMarker(RedisKeys.STANDALONE, -100_777L, userId))).isZero();
    }

    @Test
    void aCallerWhoLostTheFlowsRoleIsRefusedAtTheNextStepAndNothingIsWritten() {
        flow.required = java.util.Set.of(Role.COORDINATOR);
        engine.start(coordinatorSays("/count"), flow, Transition.to(new CountingFlow.Counting(0)));
        engine.continueFlow(coordinatorSays("+"));

        // revoked: the next update's turn no longer carries the role
        List<Outbound> replies = engine.continueFlow(say("done")).orElseThrow();

        assertThat(replies).singleElement().extracting(o -> ((Outbound.Send) o).text().key()).isEqualTo("conversation.role_lost");
        assertThat(recordedCounts()).isZero();
        assertThat(stored()).isNull();
        assertThat(refusalsAudited()).isEqualTo(1);
        assertThat(engine.continueFlow(coordinatorSays("+"))).isEmpty();
    }

    @Test
    void anEffectWhoseCallerLostItsRoleAMomentAgoRollsBackAndEndsTheConversation() {
        effects.required = java.util.Set.of(Role.COORDINATOR);
        engine.start(coordinatorSays("/count"), flow, Transition.to(new CountingFlow.Counting(3)));
        // the turn still says coordinator, the database no longer does
        rolesNow = java.util.Set.of(Role.VOLUNTEER);

        List<Outbound> replies = engine.continueFlow(coordinatorSays("done")).orElseThrow();

        assertThat(replies).singleElement().extracting(o -> ((Outbound.Send) o).text().key()).isEqualTo("conversation.role_lost");
        assertThat(recordedCounts()).isZero();
        assertThat(stored()).isNull();
        assertThat(refusalsAudited()).isEqualTo(1);

        rolesNow = java.util.Set.of(Role.COORDINATOR);
        engine.start(coordinatorSays("/count"), flow, Transition.to(new CountingFlow.Counting(3)));
        engine.continueFlow(coordinatorSays("done"));
        assertThat(recordedCounts()).isEqualTo(1);
    }

    private String stored() {
        return redis.get(ConversationStore.key(RedisKeys.STANDALONE, userId, userId));
    }

    private int recordedCounts() {
        return jdbc.sql("select count(*) from engine_test.step_count where user_id = :u").param("u", userId).query(Integer.class).single();
    }

    @Test
    void storesTheConversationAsVersionedJsonWithAnExpiry() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));

        JsonNode state = json.readTree(stored());
        assertThat(state.path("flow").asString()).isEqualTo("count");
        assertThat(state.path("step").asString()).isEqualTo("Counting");
        assertThat(state.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(state.path("version").asLong()).isPositive();
        assertThat(state.path("data").path("count").asInt()).isZero();
        assertThat(Instant.parse(state.path("expiresAt").asString())).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(30)));
        // what the user typed lives as long as the conversation; after it, only the flow's name, for the notice
        assertThat(redis.pttl(ConversationStore.key(RedisKeys.STANDALONE, userId, userId))).isBetween(Duration.ofMinutes(29).toMillis(),
                Duration.ofMinutes(30).toMillis());
        assertThat(redis.get(ConversationStore.idleMarker(RedisKeys.STANDALONE, userId, userId))).isEqualTo("count");
        assertThat(redis.pttl(ConversationStore.idleMarker(RedisKeys.STANDALONE, userId, userId))).isGreaterThan(Duration.ofHours(24).toMillis());
    }

    @Test
    void advancesAndFinishesApplyingTheEffectOnce() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));
        long firstVersion = json.readTree(stored()).path("version").asLong();

        engine.continueFlow(say("+"));
        engine.continueFlow(say("+"));
        JsonNode state = json.readTree(stored());
        assertThat(state.path("data").path("count").asInt()).isEqualTo(2);
        assertThat(state.path("version").asLong()).isEqualTo(firstVersion + 2);

        List<Outbound> replies = engine.continueFlow(say("done")).orElseThrow();
        assertThat(replies).singleElement().extracting(o -> ((Outbound.Send) o).text().key()).isEqualTo("count.done");
        assertThat(stored()).isNull();
        assertThat(recordedCounts()).isEqualTo(1);
        assertThat(engine.continueFlow(say("+"))).isEmpty();
    }

    @Test
    void invalidAnswersRepromptThenGiveUp() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(5)));

        List<Outbound> first = engine.continueFlow(say("what?")).orElseThrow();
        assertThat(keys(first)).containsExactly("count.invalid");
        assertThat(json.readTree(stored()).path("attempts").asInt()).isEqualTo(1);
        assertThat(json.readTree(stored()).path("data").path("count").asInt()).isEqualTo(5);

        engine.continueFlow(say("?"));
        List<Outbound> last = engine.continueFlow(say("??")).orElseThrow();
        assertThat(keys(last)).containsExactly("conversation.gave_up");
        assertThat(stored()).isNull();
    }

    @Test
    void aValidAnswerResetsTheInvalidCount() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));
        engine.continueFlow(say("?"));
        engine.continueFlow(say("?"));
        engine.continueFlow(say("+"));

        assertThat(json.readTree(stored()).path("attempts").asInt()).isZero();
        assertThat(keys(engine.continueFlow(say("?")).orElseThrow())).containsExactly("count.invalid");
    }

    @Test
    void anExpiredConversationIsDroppedAndTheUserToldHowToRestart() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));

        List<Outbound> replies = engine.continueFlow(say("+", Fixtures.NOW.plus(Duration.ofMinutes(31)))).orElseThrow();

        Outbound.Send notice = (Outbound.Send) replies.get(0);
        assertThat(notice.text().key()).isEqualTo("conversation.expired");
        assertThat(((Txt) notice.text().args().get(0)).key()).isEqualTo("count.restart");
        assertThat(stored()).isNull();
    }

    @Test
    void stateOfAnUnknownFlowStepOrVersionIsDropped() {
        for (String value : List.of(
                "{\"flow\":\"gone\",\"step\":\"Counting\",\"schemaVersion\":1,\"version\":7,\"attempts\":0,\"data\":{},\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
                "{\"flow\":\"count\",\"step\":\"Renamed\",\"schemaVersion\":1,\"version\":7,\"attempts\":0,\"data\":{},\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
                "{\"flow\":\"count\",\"step\":\"Counting\",\"schemaVersion\":0,\"version\":7,\"attempts\":0,\"data\":{},\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
                "not json at all")) {
            redis.set(ConversationStore.key(RedisKeys.STANDALONE, userId, userId), value);

            List<Outbound> replies = engine.continueFlow(say("+")).orElseThrow();

            assertThat(keys(replies)).as(value).containsExactly("conversation.lost");
            assertThat(stored()).as(value).isNull();
        }
    }

    @Test
    void cancelEndsTheConversationAndReportsWhetherThereWasOne() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));

        assertThat(engine.cancel(userId, userId)).isTrue();
        assertThat(stored()).isNull();
        assertThat(engine.cancel(userId, userId)).isFalse();
        assertThat(recordedCounts()).isZero();
    }

    @Test
    void aStepChangedByAnotherInstanceMidwayIsRolledBackAndRetriedOnTheNewState() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(3)));
        FlowEngine otherInstance = newEngine();
        AtomicBoolean interfered = new AtomicBoolean();
        effects.beforeWrite = () -> {
            // while this transaction is open, another instance advances the same conversation
            if (interfered.compareAndSet(false, true)) {
                otherInstance.continueFlow(say("+"));
            }
        };

        List<Outbound> replies = engine.continueFlow(say("done")).orElseThrow();

        assertThat(keys(replies)).containsExactly("count.done");
        assertThat(recordedCounts()).as("the first attempt's write was rolled back").isEqualTo(1);
        assertThat(jdbc.sql("select count from engine_test.step_count where user_id = :u").param("u", userId)
                .query(Integer.class).single()).as("the retry saw the other instance's step").isEqualTo(4);
    }

    @Test
    void theConversationReadWithTheClaimIsUsedAndWhenItWasStaleTheLostSaveReadsRedisAgain() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(3)));
        String readWithTheClaim = stored();
        // meanwhile another instance advanced it
        newEngine().continueFlow(say("+"));
        try {
            ConversationStore.preload(userId, userId, null, false);
            assertThat(engine.continueFlow(say("+"))).as("what the claim read is what the turn sees").isEmpty();

            ConversationStore.preload(userId, userId, readWithTheClaim, false);
            List<Outbound> replies = engine.continueFlow(say("done")).orElseThrow();

            assertThat(keys(replies)).containsExactly("count.done");
            assertThat(jdbc.sql("select count from engine_test.step_count where user_id = :u").param("u", userId)
                    .query(Integer.class).single()).as("the retry read the other instance's step").isEqualTo(4);
            assertThat(stored()).isNull();
        } finally {
            ConversationStore.forgetPreloaded();
        }
    }

    @Test
    void aSaveOfTheTurnKeepsWhatTheClaimReadUpToDate() {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));
        try {
            ConversationStore.preload(userId, userId, stored(), false);
            engine.continueFlow(say("+"));
            // a second look in the same turn sees the step just saved, not what the claim read
            engine.continueFlow(say("+"));
            engine.continueFlow(say("done"));

            assertThat(jdbc.sql("select count from engine_test.step_count where user_id = :u").param("u", userId)
                    .query(Integer.class).single()).isEqualTo(2);
            assertThat(engine.continueFlow(say("+"))).as("gone, and known to be gone").isEmpty();
        } finally {
            ConversationStore.forgetPreloaded();
        }
    }

    @Test
    void twoConcurrentUpdatesCannotBothAdvanceTheSameStep() throws Exception {
        engine.start(say("/count"), flow, Transition.to(new CountingFlow.Counting(0)));
        CountDownLatch bothRead = new CountDownLatch(2);
        flow.onNext = () -> {
            bothRead.countDown();
            try {
                bothRead.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> engine.continueFlow(say("+")));
            Future<?> b = pool.submit(() -> newEngine().continueFlow(say("+")));
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(json.readTree(stored()).path("data").path("count").asInt())
                .as("both increments count, neither overwrote the other").isEqualTo(2);
    }

    private static List<String> keys(List<Outbound> replies) {
        return replies.stream().map(o -> ((Outbound.Send) o).text().key()).toList();
    }

    /** Counts "+" answers; "done" records the count. */
    static final class CountingFlow implements Flow<CountingFlow.State> {

        sealed interface State permits Counting {
        }

        record Counting(int count) implements State {
        }

        volatile Runnable onNext = () -> { };
        volatile java.util.Set<Role> required = java.util.Set.of();
        volatile boolean keeps;

        @Override
        public boolean keepsDrafts() {
            return keeps;
        }

        @Override
        public String name() {
            return "count";
        }

        @Override
        public java.util.Set<Role> requiredRoles() {
            return required;
        }

        @Override
        public Class<State> stateType() {
            return State.class;
        }

        @Override
        public Txt restartHint() {
            return Txt.of("count.restart");
        }

        @Override
        public Transition<State> next(State state, Turn turn) {
            onNext.run();
            Counting counting = (Counting) state;
            String text = ((Inbound.Text) turn.inbound()).text();
            if (text.equals("+")) {
                return Transition.to(new Counting(counting.count() + 1));
            }
            if (text.equals("done")) {
                return Transition.<State>done(turn.reply(Txt.of("count.done")))
                        .with(new RecordCount(turn.userId(), counting.count()));
            }
            return Transition.invalid(turn.reply(Txt.of("count.invalid")));
        }
    }

    record RecordCount(long userId, int count) implements Effect {
    }

    static final class RecordCountHandler implements EffectHandler<RecordCount> {

        private final JdbcClient jdbc;
        volatile Runnable beforeWrite = () -> { };
        volatile java.util.Set<Role> required = java.util.Set.of();

        RecordCountHandler(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public java.util.Set<Role> requiredRoles() {
            return required;
        }

        @Override
        public Class<RecordCount> type() {
            return RecordCount.class;
        }

        @Override
        public List<Outbound> apply(RecordCount effect, Turn turn) {
            jdbc.sql("insert into engine_test.step_count (user_id, count) values (:u, :c)")
                    .param("u", effect.userId()).param("c", effect.count()).update();
            beforeWrite.run();
            return List.of();
        }
    }
}
