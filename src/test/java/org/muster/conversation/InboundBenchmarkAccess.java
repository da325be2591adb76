package org.muster.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import org.muster.redis.RedisKeys;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the inbound benchmark ({@code org.muster.bench.InboundBenchmarkTest}) needs of this package's
 * package-private parts: the echo baseline's update processing, and the conversation store and the
 * update ledger, to fill Redis as many live conversations and handled updates would.
 */
public final class InboundBenchmarkAccess {

    private InboundBenchmarkAccess() {
    }

    /**
     * The echo baseline: every update the dispatcher runs is answered with one canned message through
     * the application's {@link ChatSender}, as {@link UpdateProcessor} hands over its replies. No claim,
     * no routing, no conversation, no database.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Echo {

        @Bean
        @Primary
        InboundProcessing echoProcessing(ChatSender sender) {
            Txt canned = Txt.literal("echo");
            return inbound -> sender.send(new Outbound.Send(inbound.chat().id(), canned, null, null, Locale.ENGLISH),
                    inbound.chat().isPrivate() ? Traffic.INTERACTIVE : Traffic.REPLY);
        }
    }

    /** The stored value of a conversation, as Redis holds it, or null. */
    public static String storedFlowStep(ApplicationContext context, long chatId, long userId) {
        try {
            return context.getBean(ConversationStore.class).load(chatId, userId)
                    .map(stored -> stored.flow() + "/" + stored.step()).orElse(null);
        } catch (ConversationStore.Unreadable e) {
            return "unreadable";
        }
    }

    /**
     * Writes {@code count} conversations, each a copy of the one of ({@code chatId}, {@code userId}),
     * for the private chats of the users {@code firstUser}, {@code firstUser + 1}, …: through the store's
     * own compare-and-set, with its idle marker, kept for the configured idle time.
     */
    public static void copyConversation(ApplicationContext context, long chatId, long userId, long firstUser, int count,
                                        int threads) throws Exception {
        ConversationStore store = context.getBean(ConversationStore.class);
        OrganisationProperties.Conversation settings = context.getBean(OrganisationProperties.class).conversation();
        StoredConversation template = store.load(chatId, userId)
                .orElseThrow(() -> new IllegalStateException("no conversation of user " + userId + " in chat " + chatId));
        Duration idle = settings.idleTimeout();
        Duration notice = settings.expiredNoticeWindow();
        inParallel(count, threads, i -> {
            long user = firstUser + i;
            StoredConversation copy = new StoredConversation(template.flow(), template.step(), template.schemaVersion(), 1,
                    template.attempts(), template.data(), template.expiresAt());
            if (!store.compareAndSet(user, user, 0, copy, idle, notice)) {
                throw new IllegalStateException("conversation of user " + user + " already there");
            }
        });
    }

    /** Claims and marks done {@code count} update ids from {@code firstUpdateId} on, as handling them does. */
    public static void markHandled(ApplicationContext context, long firstUpdateId, int count, int threads) throws Exception {
        UpdateLedger ledger = context.getBean(UpdateLedger.class);
        inParallel(count, threads, i -> {
            long id = firstUpdateId + i;
            if (ledger.claim(id) != UpdateLedger.Claim.MINE) {
                throw new IllegalStateException("update " + id + " was claimed already");
            }
            ledger.done(id);
        });
    }

    /** The Redis keys of the conversation of a user in their private chat: the state and its idle marker. */
    public static List<String> conversationKeys(long userId) {
        return List.of(ConversationStore.key(RedisKeys.STANDALONE, userId, userId), ConversationStore.idleMarker(RedisKeys.STANDALONE, userId, userId));
    }

    /** The Redis key of one update's claim, there only while the update is being handled. */
    public static String updateKey(long updateId) {
        return UpdateLedger.key(RedisKeys.STANDALONE, updateId);
    }

    /** The Redis keys that hold the done marks of {@code count} update ids from {@code firstUpdateId} on (bitmaps of 65,536 ids). */
    public static List<String> doneMarkKeys(long firstUpdateId, int count) {
        List<String> keys = new ArrayList<>();
        for (long block = firstUpdateId >>> UpdateLedger.BLOCK_BITS; block <= (firstUpdateId + count - 1) >>> UpdateLedger.BLOCK_BITS; block++) {
            keys.add(UpdateLedger.blockKey(RedisKeys.STANDALONE, block << UpdateLedger.BLOCK_BITS));
        }
        return keys;
    }

    private static void inParallel(int count, int threads, LongConsumer work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        work.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
