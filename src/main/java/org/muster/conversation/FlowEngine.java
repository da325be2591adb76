package org.muster.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.muster.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link Flow}s: loads a conversation from Redis, lets the flow decide, applies the decided
 * effects in one PostgreSQL transaction together with a compare-and-set of the new state, and
 * returns the replies for the caller to send. If another update changed the state in between, the
 * transaction is rolled back and the input is tried again on the newer state.
 */
@Component
public class FlowEngine {

    private static final Logger log = LoggerFactory.getLogger(FlowEngine.class);
    private static final int CONFLICT_RETRIES = 3;

    private final ConversationStore store;
    private final Map<String, Flow<?>> flows = new HashMap<>();
    /** Resolved on first use: handlers may themselves need the engine (to start a flow), through other beans. */
    private final ObjectProvider<EffectHandler<?>> effectHandlerBeans;
    private volatile Map<Class<?>, EffectHandler<?>> effectHandlers;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final OrganisationProperties.Conversation settings;
    private final MeterRegistry meters;
    private final RolesNow rolesNow;
    /** {@code muster.flow.steps} by flow and outcome. */
    private final Map<String, Map<String, Counter>> stepCounters = new ConcurrentHashMap<>();
    private final AuditLog audit;
    private final DraftRepository drafts;

    FlowEngine(ConversationStore store, List<Flow<?>> flows, ObjectProvider<EffectHandler<?>> effectHandlers,
               TransactionTemplate transactions, JsonMapper json, OrganisationProperties organisation,
               MeterRegistry meters, RolesNow rolesNow, AuditLog audit, DraftRepository drafts) {
        this.drafts = drafts;
        this.rolesNow = rolesNow;
        this.audit = audit;
        this.store = store;
        this.transactions = transactions;
        this.json = json;
        this.settings = organisation.conversation();
        this.meters = meters;
        for (Flow<?> flow : flows) {
            if (!flow.stateType().isSealed()) {
                throw new IllegalStateException("flow " + flow.name() + " needs a sealed state type");
            }
            if (this.flows.put(flow.name(), flow) != null) {
                throw new IllegalStateException("two flows named " + flow.name());
            }
        }
        this.effectHandlerBeans = effectHandlers;
    }

    private Map<Class<?>, EffectHandler<?>> effectHandlers() {
        Map<Class<?>, EffectHandler<?>> known = effectHandlers;
        if (known == null) {
            known = new HashMap<>();
            for (EffectHandler<?> handler : effectHandlerBeans.orderedStream().toList()) {
                if (known.put(handler.type(), handler) != null) {
                    throw new IllegalStateException("two handlers for " + handler.type().getSimpleName());
                }
            }
            effectHandlers = known;
        }
        return known;
    }

    /** Starts {@code flow} for the turn's (chat, user), replacing whatever conversation was there. */
    public <S> List<Outbound> start(Turn turn, Flow<S> flow, Transition<S> first) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            long currentVersion = currentVersion(turn);
            long version = ThreadLocalRandom.current().nextLong(1, ConversationStore.MAX_VERSION / 2);
            Optional<List<Outbound>> applied;
            try {
                applied = apply(turn, flow, first, currentVersion, version, 0);
            } catch (StepRejected rejected) {
                return rejected.replies();
            }
            if (applied.isPresent()) {
                step(flow.name(), "started");
                return applied.get();
            }
        }
        throw new IllegalStateException("conversation kept changing while starting " + flow.name());
    }

    /** Feeds the turn to the (chat, user)'s conversation; empty when there is none. */
    public Optional<List<Outbound>> continueFlow(Turn turn) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<StoredConversation> loaded;
            try {
                loaded = store.load(turn.chatId(), turn.userId());
            } catch (ConversationStore.Unreadable e) {
                return Optional.of(drop(turn, e.version, "unreadable", Txt.of("conversation.lost")));
            }
            if (loaded.isEmpty()) {
                // it ran idle: the state is gone with what was typed into it; only its flow's name is left
                return store.takeIdle(turn.chatId(), turn.userId()).map(flows::get)
                        .map(flow -> List.of(turn.reply(Txt.of("conversation.expired", flow.restartHint()))));
            }
            StoredConversation stored = loaded.get();
            Flow<?> flow = flows.get(stored.flow());
            if (flow == null || flow.schemaVersion() != stored.schemaVersion()) {
                return Optional.of(drop(turn, stored.version(), "unknown flow or version " + stored.flow()
                        + "/" + stored.schemaVersion(), Txt.of("conversation.lost")));
            }
            if (turn.now().isAfter(stored.expiresAt())) {
                return Optional.of(drop(turn, stored.version(), "expired",
                        Txt.of("conversation.expired", flow.restartHint())));
            }
            Optional<List<Outbound>> result = advance(turn, flow, stored);
            if (result.isPresent()) {
                return result;
            }
            log.info("conversation of user {} in chat {} changed concurrently; trying again", turn.userId(), turn.chatId());
        }
        throw new IllegalStateException("conversation kept changing");
    }

    /** Ends the (chat, user)'s conversation; true if there was one. */
    public boolean cancel(long chatId, long userId) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            long version;
            try {
                Optional<StoredConversation> loaded = store.load(chatId, userId);
                if (loaded.isEmpty()) {
                    return false;
                }
                version = loaded.get().version();
            } catch (ConversationStore.Unreadable e) {
                version = e.version;
            }
            if (store.remove(chatId, userId, version)) {
                return true;
            }
        }
        return false;
    }

    /** Ends every conversation of the user in every chat, and forgets their kept drafts, for an erasure; how many there were. */
    public int forgetUser(long userId) {
        drafts.forgetUser(userId);
        return store.removeAllOf(userId);
    }

    /** Ends every conversation in the chat, whoever's, for a sandbox reset; how many there were. */
    public int forgetChat(long chatId) {
        return store.removeAllIn(chatId);
    }

    /**
     * The draft {@code flow} kept for the turn's (chat, user) when its conversation last ended without
     * finishing, as the state it was in; empty when there is none, it expired, or its shape is old.
     */
    public <S> Optional<S> keptDraft(Turn turn, Flow<S> flow) {
        return drafts.load(turn.chatId(), turn.userId(), flow.name(), turn.now())
                .filter(kept -> kept.schemaVersion() == flow.schemaVersion())
                .flatMap(kept -> {
                    try {
                        return Optional.of(decode(flow, kept.step(), json.readTree(kept.data())));
                    } catch (UnknownStep | JacksonException e) {
                        log.info("kept draft of {} for user {} unreadable; ignored", flow.name(), turn.userId());
                        return Optional.empty();
                    }
                });
    }

    /**
     * When {@code flow} is going on for the turn's (chat, user): its current question asked again, and
     * nothing changed; empty when it is not going on or cannot ask again (then start it).
     */
    public <S> Optional<List<Outbound>> reask(Turn turn, Flow<S> flow) {
        try {
            Optional<StoredConversation> stored = store.load(turn.chatId(), turn.userId())
                    .filter(s -> s.flow().equals(flow.name()) && s.schemaVersion() == flow.schemaVersion() && !turn.now().isAfter(s.expiresAt()));
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            List<Outbound> again = flow.reask(decode(flow, stored.get()), turn);
            return again.isEmpty() ? Optional.empty() : Optional.of(again);
        } catch (ConversationStore.Unreadable | UnknownStep | JacksonException e) {
            return Optional.empty();
        }
    }

    /** The name of the (chat, user)'s flow, if one is going on. */
    public Optional<String> activeFlow(long chatId, long userId) {
        try {
            return store.load(chatId, userId).map(StoredConversation::flow);
        } catch (ConversationStore.Unreadable e) {
            return Optional.empty();
        }
    }

    private <S> Optional<List<Outbound>> advance(Turn turn, Flow<S> flow, StoredConversation stored) {
        S state;
        try {
            state = decode(flow, stored);
        } catch (UnknownStep | JacksonException e) {
            return Optional.of(drop(turn, stored.version(), "unknown step " + stored.step(), Txt.of("conversation.lost")));
        }
        Transition<S> transition = flow.step(state, turn);
        if (transition.outcome() == Transition.Outcome.REFUSED) {
            return Optional.of(refuse(turn, flow, stored.version(), stored.step(), transition.replies()));
        }
        if (transition.outcome() == Transition.Outcome.INVALID) {
            return stay(turn, flow, stored, state, transition.replies());
        }
        long nextVersion = stored.version() + 1 >= ConversationStore.MAX_VERSION ? 1 : stored.version() + 1;
        try {
            Optional<List<Outbound>> applied = apply(turn, flow, transition, stored.version(), nextVersion, 0);
            step(flow.name(), transition.outcome() == Transition.Outcome.DONE ? "done" : "advanced");
            return applied.map(replies -> withoutUsedButtons(turn, replies));
        } catch (StepRejected rejected) {
            // an effect found the answer unacceptable: rolled back, and as a wrong answer the step stays
            return stay(turn, flow, stored, state, rejected.replies());
        }
    }

    /** A wrong answer: the step stays and says why, or after too many the conversation gives up (a kept draft stays). */
    private <S> Optional<List<Outbound>> stay(Turn turn, Flow<S> flow, StoredConversation stored, S state, List<Outbound> replies) {
        long nextVersion = stored.version() + 1 >= ConversationStore.MAX_VERSION ? 1 : stored.version() + 1;
        int attempts = stored.attempts() + 1;
        if (attempts >= settings.maxInvalidAnswers()) {
            step(flow.name(), "gave_up");
            boolean removed = store.remove(turn.chatId(), turn.userId(), stored.version());
            return removed
                    ? Optional.of(List.of(turn.reply(Txt.of("conversation.gave_up", flow.restartHint()))))
                    : Optional.empty();
        }
        step(flow.name(), "invalid");
        Transition<S> stay = new Transition<>(Transition.Outcome.CONTINUE, state, replies, List.of());
        return apply(turn, flow, stay, stored.version(), nextVersion, attempts);
    }

    /**
     * A press that moved the conversation on has used its message's buttons: unless the step drew that
     * message again itself, its keyboard goes, so no choice made can be pressed again or looks open.
     */
    private static List<Outbound> withoutUsedButtons(Turn turn, List<Outbound> replies) {
        if (!(turn.inbound() instanceof Inbound.Button pressed)) {
            return replies;
        }
        boolean redrawn = replies.stream().anyMatch(reply -> reply.chatId() == turn.chatId() && messageOf(reply) == pressed.messageId());
        if (redrawn) {
            return replies;
        }
        List<Outbound> out = new ArrayList<>(replies.size() + 1);
        out.add(new Outbound.EditButtons(turn.chatId(), pressed.messageId(), null, turn.locale()));
        out.addAll(replies);
        return out;
    }

    /** The message a reply changes, or 0 for one that sends a new message. */
    private static int messageOf(Outbound reply) {
        if (reply instanceof Outbound.Edit edit) {
            return edit.messageId();
        }
        if (reply instanceof Outbound.EditButtons edit) {
            return edit.messageId();
        }
        if (reply instanceof Outbound.Delete delete) {
            return delete.messageId();
        }
        return 0;
    }

    /**
     * Applies effects and the state change atomically: effects run in a transaction that also
     * performs the compare-and-set; a lost compare-and-set rolls the effects back. A step with no
     * effect and no draft to keep is the compare-and-set alone, without a transaction.
     */
    private <S> Optional<List<Outbound>> apply(Turn turn, Flow<S> flow, Transition<S> transition,
                                               long expectedVersion, long newVersion, int attempts) {
        StoredConversation next = transition.outcome() == Transition.Outcome.DONE ? null
                : encode(flow, transition.state(), newVersion, attempts, turn.now());
        List<Outbound> replies = new ArrayList<>(transition.replies());
        Boolean committed;
        try {
            if (transition.effects().isEmpty() && !flow.keepsDrafts()) {
                // nothing for PostgreSQL: the compare-and-set alone, no connection borrowed for an empty transaction
                committed = store.compareAndSet(turn.chatId(), turn.userId(), expectedVersion, next, settings.idleTimeout(),
                        settings.expiredNoticeWindow());
            } else {
                committed = transactions.execute(status -> {
                    checkRolesStillHeld(transition.effects(), turn);
                    for (Effect effect : transition.effects()) {
                        replies.addAll(applyEffect(effect, turn));
                    }
                    if (!store.compareAndSet(turn.chatId(), turn.userId(), expectedVersion, next, settings.idleTimeout(),
                            settings.expiredNoticeWindow())) {
                        status.setRollbackOnly();
                        return false;
                    }
                    if (flow.keepsDrafts()) {
                        keepDraft(turn, flow, transition);
                    }
                    return true;
                });
            }
        } catch (StepRejected rejected) {
            // thrown by an effect, before the compare-and-set: rolled back, no state was written
            throw rejected;
        } catch (RoleLost lost) {
            // revoked between the step and its write: the transaction rolled back, nothing was written
            return Optional.of(refuse(turn, flow, expectedVersion, lost.effect, List.of(turn.reply(Txt.of("conversation.role_lost")))));
        } catch (RuntimeException | Error e) {
            // an effect failed or the commit did: the state may already be written, and a step whose
            // records were rolled back must not survive, so the conversation ends (the dispatcher
            // tells the user something went wrong)
            if (next != null) {
                store.remove(turn.chatId(), turn.userId(), next.version());
            }
            throw e;
        }
        return Boolean.TRUE.equals(committed) ? Optional.of(replies) : Optional.empty();
    }

    /** In the step's transaction: the draft after the step, or none once the flow finished. */
    private <S> void keepDraft(Turn turn, Flow<S> flow, Transition<S> transition) {
        S kept = transition.outcome() == Transition.Outcome.DONE ? null : flow.draftOf(transition.state());
        if (kept == null) {
            drafts.forget(turn.chatId(), turn.userId(), flow.name());
            return;
        }
        drafts.save(turn.chatId(), turn.userId(), flow.name(), kept.getClass().getSimpleName(), flow.schemaVersion(),
                json.writeValueAsString(kept), turn.now().plus(settings.draftRetention()));
    }

    /** Ends the conversation of a caller who may not go on; audited, nothing else written. */
    private List<Outbound> refuse(Turn turn, Flow<?> flow, long version, String where, List<Outbound> replies) {
        log.info("user {} may no longer go on with {} in chat {}; ended", turn.userId(), flow.name(), turn.chatId());
        step(flow.name(), "refused");
        store.remove(turn.chatId(), turn.userId(), version);
        audit.record(turn.userId(), "flow.refused", turn.chatId(), Map.of("flow", flow.name(), "at", where, "reason", "role"));
        return replies;
    }

    /** Roles looked up again inside the effects' transaction, for the handlers that need one. */
    private void checkRolesStillHeld(List<Effect> effects, Turn turn) {
        Set<Role> now = null;
        for (Effect effect : effects) {
            EffectHandler<?> handler = effectHandlers().get(effect.getClass());
            Set<Role> needed = handler == null ? Set.of() : handler.requiredRoles();
            if (needed.isEmpty()) {
                continue;
            }
            if (now == null) {
                now = rolesNow.of(turn.userId());
            }
            if (needed.stream().noneMatch(now::contains)) {
                throw new RoleLost(effect.getClass().getSimpleName());
            }
        }
    }

    /** An effect's caller no longer holds its role: rolls the transaction back. */
    private static final class RoleLost extends RuntimeException {
        final String effect;

        RoleLost(String effect) {
            super("role lost before " + effect, null, false, false);
            this.effect = effect;
        }
    }

    @SuppressWarnings("unchecked")
    private <E extends Effect> List<Outbound> applyEffect(E effect, Turn turn) {
        EffectHandler<E> handler = (EffectHandler<E>) effectHandlers().get(effect.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for effect " + effect.getClass().getSimpleName());
        }
        return handler.apply(effect, turn);
    }

    private List<Outbound> drop(Turn turn, long version, String why, Txt notice) {
        log.info("dropping conversation of user {} in chat {}: {}", turn.userId(), turn.chatId(), why);
        step("unknown", "dropped");
        store.remove(turn.chatId(), turn.userId(), version);
        return List.of(turn.reply(notice));
    }

    /** Counts a step in {@code muster.flow.steps}; the counters are kept, so a step builds no tags. */
    private void step(String flowName, String outcome) {
        Map<String, Counter> byOutcome = stepCounters.get(flowName);
        if (byOutcome == null) {
            byOutcome = stepCounters.computeIfAbsent(flowName, name -> new ConcurrentHashMap<>());
        }
        Counter counter = byOutcome.get(outcome);
        if (counter == null) {
            counter = byOutcome.computeIfAbsent(outcome, o -> meters.counter("muster.flow.steps", "flow", flowName, "outcome", o));
        }
        counter.increment();
    }

    private long currentVersion(Turn turn) {
        try {
            return store.load(turn.chatId(), turn.userId()).map(StoredConversation::version).orElse(0L);
        } catch (ConversationStore.Unreadable e) {
            return e.version;
        }
    }

    private <S> StoredConversation encode(Flow<S> flow, S state, long version, int attempts, Instant now) {
        JsonNode data = json.valueToTree(state);
        return new StoredConversation(flow.name(), state.getClass().getSimpleName(), flow.schemaVersion(), version,
                attempts, data, now.plus(settings.idleTimeout()));
    }

    private <S> S decode(Flow<S> flow, StoredConversation stored) throws UnknownStep {
        return decode(flow, stored.step(), stored.data());
    }

    private <S> S decode(Flow<S> flow, String stepName, JsonNode data) throws UnknownStep {
        Class<?> step = Arrays.stream(flow.stateType().getPermittedSubclasses())
                .filter(type -> type.getSimpleName().equals(stepName))
                .findFirst()
                .orElseThrow(UnknownStep::new);
        return flow.stateType().cast(json.treeToValue(data, step));
    }

    private static final class UnknownStep extends Exception {
        UnknownStep() {
            super("unknown step", null, false, false);
        }
    }
}
