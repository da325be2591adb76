package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.support.Fixtures;

class DispatcherTest {

    private Dispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null && dispatcher.isRunning()) {
            dispatcher.stop();
        }
    }

    private Dispatcher start(InboundProcessing processing) {
        dispatcher = new Dispatcher(processing, Fixtures.organisation(), new SimpleMeterRegistry());
        dispatcher.start();
        return dispatcher;
    }

    private static Inbound update(long id, long chat) {
        return Fixtures.text(id, Fixtures.group(chat), Fixtures.user(7), "m" + id);
    }

    /** Processing whose replies leave when {@code left} says (by update); what it abandons goes to {@code abandoned}. */
    private static InboundProcessing replying(java.util.function.Function<Inbound, CompletableFuture<Void>> left,
                                              java.util.function.Consumer<Inbound> abandoned) {
        return new InboundProcessing() {
            @Override
            public void process(Inbound inbound) {
                throw new AssertionError("processed() is what the dispatcher runs");
            }

            @Override
            public CompletableFuture<Void> processed(Inbound inbound, boolean untilSent) {
                return left.apply(inbound);
            }

            @Override
            public void abandoned(Inbound inbound) {
                abandoned.accept(inbound);
            }
        };
    }

    private static InboundProcessing replying(java.util.function.Function<Inbound, CompletableFuture<Void>> left) {
        return replying(left, inbound -> {
        });
    }

    @Test
    void keepsTheOrderOfOneChatWhileOtherChatsRunAlongside() throws Exception {
        Map<Long, List<Long>> seen = new ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        start(inbound -> {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.computeIfAbsent(inbound.chat().id(), chat -> Collections.synchronizedList(new ArrayList<>())).add(inbound.updateId());
            concurrent.decrementAndGet();
        });
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            all.add(dispatcher.submit(update(id, -(id % 4) - 1)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(seen).hasSize(4);
        seen.values().forEach(ids -> assertThat(ids).isSorted().hasSize(50));
        assertThat(maxConcurrent.get()).as("different chats ran in parallel").isGreaterThan(1);
    }

    /**
     * Behind a load balancer Telegram posts a chat's next update only after the webhook answered this one,
     * maybe to another instance: answered before this update's replies left, that instance's replies
     * could overtake them (seen in ThreeInstancesIT: "how long?" before "which day?").
     */
    @Test
    void anUpdateIsDoneForItsCallerOnlyOnceWhatItSentHasLeftWhileTheWorkerMovesOn() throws Exception {
        CompletableFuture<Void> firstSent = new CompletableFuture<>();
        start(replying(inbound -> inbound.updateId() == 1 ? firstSent : CompletableFuture.completedFuture(null)));
        CompletableFuture<Void> first = dispatcher.submitUntilSent(update(1, -1));
        CompletableFuture<Void> second = dispatcher.submitUntilSent(update(2, -1));

        // the chat's second update ran: the worker did not wait for the first one's send
        second.get(5, TimeUnit.SECONDS);
        assertThat(first).as("the first update while its reply is still queued").isNotDone();
        firstSent.complete(null);
        first.get(5, TimeUnit.SECONDS);
    }

    /**
     * A stopping instance that could not send an update's replies hands them back (they stay kept in
     * Redis): the webhook must then answer otherwise than 200, so that Telegram delivers the update
     * again, to an instance that sends them.
     */
    @Test
    void anUpdateWhoseRepliesWereHandedBackFailsForTheWebhookButNotForThePoller() throws Exception {
        start(replying(inbound -> CompletableFuture.failedFuture(new ServiceUnavailable("replies handed back at shutdown", null))));
        CompletableFuture<Void> webhook = dispatcher.submitUntilSent(update(1, -1));
        assertThatThrownBy(() -> webhook.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ServiceUnavailable.class);
        dispatcher.submit(update(2, -1)).get(5, TimeUnit.SECONDS);
    }

    /**
     * Replies that wait longer than {@code muster.dispatch.replies-wait} (a chat held back by 429s): the
     * webhook answers 200 without them, and Telegram will not deliver the update again. Handed back at
     * this instance's shutdown after that, they are abandoned to the other instances; handed back before
     * the answer, they are not (the webhook's 503 brings the update again). Also when the webhook gave
     * up waiting by itself and completed the answer.
     */
    @Test
    void repliesHandedBackAfterTheWebhookWasAnsweredAreAbandonedToTheOthersAndOnlyThen() throws Exception {
        Map<Long, CompletableFuture<Void>> left = new ConcurrentHashMap<>();
        List<Long> abandoned = Collections.synchronizedList(new ArrayList<>());
        InboundProcessing processing = replying(inbound -> left.computeIfAbsent(inbound.updateId(), id -> new CompletableFuture<>()),
                inbound -> abandoned.add(inbound.updateId()));
        OrganisationProperties.Dispatch usual = Fixtures.organisation().dispatch();
        OrganisationProperties shortWait = new OrganisationProperties(Fixtures.SHANGHAI, "zh", Fixtures.organisation().conversation(),
                new OrganisationProperties.Dispatch(usual.workers(), usual.claimTimeout(), usual.doneMarker(), usual.shutdownGrace(),
                        usual.maxQueued(), usual.senderFacts(), usual.unsentReplies(), java.time.Duration.ofMillis(300)));
        dispatcher = new Dispatcher(processing, shortWait, new SimpleMeterRegistry());
        dispatcher.start();

        // 1: answered after the wait, then handed back at shutdown: abandoned
        CompletableFuture<Void> waitedOut = dispatcher.submitUntilSent(update(1, -1));
        waitedOut.get(5, TimeUnit.SECONDS);
        // 2: handed back before the wait was over: a 503, not abandoned
        CompletableFuture<Void> handedBack = dispatcher.submitUntilSent(update(2, -2));
        // 3: the webhook gave up waiting by itself and answered 200
        CompletableFuture<Void> servletGaveUp = dispatcher.submitUntilSent(update(3, -3));
        assertThat(servletGaveUp.complete(null)).isTrue();
        // 4: its replies left in time: nothing to abandon
        CompletableFuture<Void> sent = dispatcher.submitUntilSent(update(4, -4));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (left.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        ServiceUnavailable stopped = new ServiceUnavailable("replies handed back at shutdown", null);
        left.get(2L).completeExceptionally(stopped);
        left.get(1L).completeExceptionally(stopped);
        left.get(3L).completeExceptionally(stopped);
        left.get(4L).complete(null);

        assertThatThrownBy(() -> handedBack.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ServiceUnavailable.class);
        sent.get(5, TimeUnit.SECONDS);
        assertThat(abandoned).containsExactlyInAnyOrder(1L, 3L);
    }

    /**
     * The poller's offset follows handled updates only: waiting for replies, one paced for minutes in
     * a busy group would hold it, and getUpdates would hand out the same hundred updates again and again.
     */
    @Test
    void forThePollerAnUpdateIsDoneOnceHandledThoughItsReplyIsStillQueued() throws Exception {
        CompletableFuture<Void> neverSent = new CompletableFuture<>();
        start(replying(inbound -> neverSent));
        dispatcher.submit(update(1, -1)).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> untilSent = dispatcher.submitUntilSent(update(2, -1));
        dispatcher.submit(update(3, -1)).get(5, TimeUnit.SECONDS);
        assertThat(untilSent).as("handled, its reply still queued").isNotDone();
    }

    @Test
    void oneChatIsNeverProcessedOnTwoWorkersAtOnce() throws Exception {
        AtomicInteger inChat = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        start(inbound -> {
            if (inChat.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            inChat.decrementAndGet();
        });
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            all.add(dispatcher.submit(update(id, -42)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(overlaps).hasValue(0);
    }

    @Test
    void aFailingUpdateDoesNotStopTheNextOnes() throws Exception {
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        start(inbound -> {
            if (inbound.updateId() == 2) {
                throw new IllegalStateException("boom");
            }
            handled.add(inbound.updateId());
        });

        CompletableFuture<Void> failing = dispatcher.submit(update(2, -1));
        dispatcher.submit(update(3, -1)).get(5, TimeUnit.SECONDS);

        assertThat(failing).isCompletedExceptionally();
        assertThat(handled).containsExactly(3L);
    }

    @Test
    void shutdownFinishesWhatIsInFlightAndRefusesNewUpdates() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        start(inbound -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.add(inbound.updateId());
        });
        CompletableFuture<Void> first = dispatcher.submit(update(1, -1));
        CompletableFuture<Void> queued = dispatcher.submit(update(2, -1));
        started.await(5, TimeUnit.SECONDS);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(dispatcher::stop);
        // the stop waits for the update in flight: it cannot end before that update is let go
        assertThat(stopping).isNotDone();
        release.countDown();
        stopping.get(10, TimeUnit.SECONDS);

        assertThat(first).isDone();
        assertThat(queued).isDone();
        assertThat(handled).containsExactly(1L, 2L);
        assertThatThrownBy(() -> dispatcher.submit(update(3, -1)).get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void moreWaitingThanTheBoundIsRefusedAndTakenAgainOnceFewerWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OrganisationProperties small = new OrganisationProperties(Fixtures.SHANGHAI, "zh",
                new OrganisationProperties.Conversation(java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(24), 3, java.time.Duration.ofHours(48)),
                new OrganisationProperties.Dispatch(2, java.time.Duration.ofSeconds(2), java.time.Duration.ofHours(26),
                        java.time.Duration.ofSeconds(5), 3, java.time.Duration.ZERO, java.time.Duration.ofMinutes(10), java.time.Duration.ofSeconds(45)));
        dispatcher = new Dispatcher(inbound -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, small, new SimpleMeterRegistry());
        dispatcher.start();
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            taken.add(dispatcher.submit(update(id, -id)));
        }
        assertThatThrownBy(() -> dispatcher.submit(update(4, -4)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class)
                .hasMessageContaining("busy");

        release.countDown();
        CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        dispatcher.submit(update(4, -4)).get(10, TimeUnit.SECONDS);
    }
}
