package org.muster.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

/**
 * What a follow-up of an update (a listener run after its transaction committed) says while that
 * update is still being handled goes out after the update's own replies: "you are a volunteer now"
 * before "you are enrolled", never the other way round. Outside a turn (a follow-up run again after
 * a restart, say) it goes at once.
 */
@Component
public class TurnFollowUps {

    private record Pending(Outbound message, CompletableFuture<SendResult> done) {
    }

    private static final ThreadLocal<List<Pending>> PENDING = new ThreadLocal<>();

    private final ChatSender sender;
    private final GroupPrompts prompts;

    TurnFollowUps(ChatSender sender, GroupPrompts prompts) {
        this.sender = sender;
        this.prompts = prompts;
    }

    /**
     * Sends the message after the current turn's replies, or now when no turn is going on. A
     * {@link Outbound.Prompt} is remembered by its message once sent.
     */
    public CompletableFuture<SendResult> send(Outbound message) {
        List<Pending> pending = PENDING.get();
        CompletableFuture<SendResult> done;
        if (pending == null) {
            done = sender.send(message);
        } else {
            done = new CompletableFuture<>();
            pending.add(new Pending(message, done));
        }
        if (message instanceof Outbound.Prompt prompt) {
            done.thenAccept(result -> {
                if (result instanceof SendResult.Sent sent) {
                    prompts.remember(sent.chatId(), sent.messageId(), prompt);
                }
            });
        }
        return done;
    }

    /** The worker starts handling an update. */
    void begin() {
        PENDING.set(new ArrayList<>());
    }

    /** What the current turn's follow-ups are to send, in their order (none outside a turn). */
    List<Outbound> queued() {
        List<Pending> pending = PENDING.get();
        return pending == null ? List.of() : pending.stream().map(Pending::message).toList();
    }

    /**
     * The update's replies are queued: its follow-ups after them, with the same traffic class. Each
     * future, in the order of {@link #queued()}, completes when that message has left the outbound queues.
     */
    List<CompletableFuture<SendResult>> finish(Traffic traffic) {
        List<Pending> pending = PENDING.get();
        PENDING.remove();
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<SendResult>> sent = new ArrayList<>(pending.size());
        for (Pending each : pending) {
            sent.add(each.done());
            sender.send(each.message(), traffic).whenComplete((result, error) -> {
                if (error != null) {
                    each.done().completeExceptionally(error);
                } else {
                    each.done().complete(result);
                }
            });
        }
        return sent;
    }
}
