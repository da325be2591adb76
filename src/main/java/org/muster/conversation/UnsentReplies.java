package org.muster.conversation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.muster.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * The replies of a webhook update, kept in Redis with its done mark until each has left the outbound
 * queues. Telegram delivers an update again when its webhook call was not answered 200; the webhook
 * answers only once the replies left ({@link Dispatcher#submitUntilSent}), so an instance killed
 * meanwhile (kill -9, a lost machine) leaves the update done in Redis with replies nobody will send.
 * The instance that gets the update again finds them here and sends those still kept, instead of
 * skipping the update as a duplicate and leaving the user without an answer.
 *
 * <p>Each reply is a field of the hash {@code muster:update:unsent:<id>}, removed once that reply left
 * (a whole batch of removals is one round trip, on a thread of its own: never the worker's), so that a
 * reply sent before the kill is not sent twice; a removal still queued when the instance died is the
 * one way a reply can come twice. The hash lives {@code muster.dispatch.unsent-replies} (10 min) at
 * most. Polled updates are not kept: the poller's offset moves past an update once it is handled.
 *
 * <p>An update answered 200 while its replies still waited ({@code muster.dispatch.replies-wait}) will not
 * come again; if its instance stops before they leave, it puts the update on the list of abandoned ones
 * ({@code muster:update:unsent:abandoned}, by lease expiry), from which another instance takes it
 * ({@link AbandonedReplies}).
 *
 * <p>Replies are Java-serialised records of {@link Outbound}, read back through a filter that admits
 * only Muster's classes and the JDK's value classes (text arguments are dates, numbers,
 * strings): Redis is trusted storage, but deserialising anything it holds would not be.
 */
@Component
class UnsentReplies implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UnsentReplies.class);

    /** A reply larger than this (a big export, say) is not kept: it is sent, but not again after a crash. */
    static final int MAX_KEPT_BYTES = 256 * 1024;

    private static final ObjectInputFilter ONLY_REPLIES = ObjectInputFilter.Config.createFilter(
            "maxdepth=30;maxrefs=10000;maxbytes=" + (MAX_KEPT_BYTES * 2)
                    + ";org.muster.**;java.lang.*;java.util.*;java.time.*;java.math.*;[B;!*");

    /** KEYS: the hashes; ARGV: the field of each key, in the same order. */
    private static final RedisScript REMOVE = new RedisScript("""
            for i, key in ipairs(KEYS) do redis.call('HDEL', key, ARGV[i]) end
            return 1
            """);

    /**
     * KEYS: the abandoned set; ARGV: the lease (ms). The first entry whose lease ran out (or that nobody
     * took yet), now leased to the caller; nothing when none is due. Redis' clock, not the instances'.
     */
    private static final RedisScript CLAIM_ABANDONED = new RedisScript("""
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1)
            if #due == 0 then return false end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), due[1])
            return due[1]
            """);

    /** KEYS: the abandoned set; ARGV: the lease (ms), then the entries whose lease is renewed. */
    private static final RedisScript RENEW_ABANDONED = new RedisScript("""
            local t = redis.call('TIME')
            local expires = t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[1])
            for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', expires, ARGV[i]) end
            return 1
            """);

    /**
     * An update whose replies were handed back at a shutdown after its webhook call had been answered
     * 200 (they waited longer than {@code muster.dispatch.replies-wait}): Telegram will not deliver it
     * again, so another instance sends them ({@link AbandonedReplies}).
     */
    record Abandoned(long updateId, long chatId, boolean privateChat) {

        String member() {
            return updateId + ":" + chatId + ":" + (privateChat ? "p" : "g");
        }

        static Optional<Abandoned> of(String member) {
            String[] parts = member.split(":");
            try {
                if (parts.length == 3) {
                    return Optional.of(new Abandoned(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2].equals("p")));
                }
            } catch (NumberFormatException e) {
                // not Muster's: dropped below
            }
            return Optional.empty();
        }
    }

    /** {@code applied} completes once the batch holding it ran (or failed: the hash then runs out). */
    private record Removal(String key, String field, CompletableFuture<Void> applied) {
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final OutageLog outage = new OutageLog(log, "Redis (removing replies kept for a crash)");
    private final BlockingQueue<Removal> removals = new LinkedBlockingQueue<>();
    private final Thread remover;
    private volatile boolean running = true;

    UnsentReplies(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.remover = new Thread(this::removeLoop, "muster-unsent-replies");
        remover.setDaemon(true);
        remover.start();
    }

    static String key(RedisKeys keys, long updateId) {
        return keys.prefix() + "update:unsent:" + updateId;
    }

    String key(long updateId) {
        return key(keys, updateId);
    }

    /** The reply as kept, or empty when it cannot be (too large, or an argument that is not a value). */
    static Optional<String> encode(Outbound reply) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reply);
        } catch (IOException e) {
            log.warn("a reply to chat {} cannot be kept for a crash ({}): it is sent, but not again if this instance dies first",
                    reply.chatId(), e.toString());
            return Optional.empty();
        }
        if (bytes.size() > MAX_KEPT_BYTES) {
            log.debug("a reply of {} bytes to chat {} is not kept for a crash", bytes.size(), reply.chatId());
            return Optional.empty();
        }
        return Optional.of(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    /** The reply back, or empty (logged) when what Redis holds is not one. */
    static Optional<Outbound> decode(String kept) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(kept)))) {
            in.setObjectInputFilter(ONLY_REPLIES);
            if (in.readObject() instanceof Outbound reply) {
                return Optional.of(reply);
            }
            log.warn("a reply kept in Redis is not a reply; dropped");
        } catch (IOException | ClassNotFoundException | IllegalArgumentException | ClassCastException e) {
            // written by another version, or not by Muster: dropped, as the reply would have been without keeping
            log.warn("a reply kept in Redis could not be read; dropped: {}", e.toString());
        }
        return Optional.empty();
    }

    /** A kept reply and its field, the reply's place among the update's replies and follow-ups. */
    record Kept(int index, Outbound reply) {
    }

    /** The replies kept, in their order, from the fields the claim returned (field, value, field, value …). */
    static List<Kept> decodeAll(List<String> fieldsAndValues) {
        record Field(int index, String value) {
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            try {
                fields.add(new Field(Integer.parseInt(fieldsAndValues.get(i)), fieldsAndValues.get(i + 1)));
            } catch (NumberFormatException e) {
                log.warn("a field of the replies kept in Redis is not a number; dropped");
            }
        }
        fields.sort(java.util.Comparator.comparingInt(Field::index));
        List<Kept> replies = new ArrayList<>(fields.size());
        fields.forEach(field -> decode(field.value()).ifPresent(reply -> replies.add(new Kept(field.index(), reply))));
        return replies;
    }

    private String abandonedKey() {
        return keys.prefix() + "update:unsent:abandoned";
    }

    /** The replies still kept for the update, in their order. */
    List<Kept> kept(long updateId) {
        List<String> fieldsAndValues = new ArrayList<>();
        redis.hgetAll(key(updateId)).forEach((field, value) -> {
            fieldsAndValues.add(field);
            fieldsAndValues.add(value);
        });
        return decodeAll(fieldsAndValues);
    }

    /** Its replies are for another instance to send: Telegram will not deliver the update again. */
    void abandon(Abandoned update) {
        // score 0: due at once
        redis.zadd(abandonedKey(), 0, update.member());
    }

    /** An abandoned update nobody is sending, leased to this instance for {@code lease}; empty when none is due. */
    Optional<Abandoned> claimAbandoned(java.time.Duration lease) {
        while (true) {
            Object member = CLAIM_ABANDONED.run(redis, List.of(abandonedKey()), List.of(Long.toString(lease.toMillis())));
            if (member == null) {
                return Optional.empty();
            }
            Optional<Abandoned> abandoned = Abandoned.of(String.valueOf(member));
            if (abandoned.isPresent()) {
                return abandoned;
            }
            log.warn("an entry of the abandoned replies in Redis is not one; dropped");
            redis.zrem(abandonedKey(), String.valueOf(member));
        }
    }

    /** This instance is still sending them: nobody else takes them for another {@code lease}. */
    void renew(java.util.Collection<Abandoned> sending, java.time.Duration lease) {
        if (sending.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(sending.size() + 1);
        args.add(Long.toString(lease.toMillis()));
        sending.forEach(update -> args.add(update.member()));
        RENEW_ABANDONED.run(redis, List.of(abandonedKey()), args);
    }

    /** Its replies have all left (or none was kept any longer). */
    void finished(Abandoned update) {
        redis.zrem(abandonedKey(), update.member());
    }

    /**
     * Reply {@code index} of the update left the outbound queues: it is not kept any longer. The
     * future completes once Redis was told (or could not be): an update handed back at shutdown is
     * answered only then, so that the instance that gets it again does not send this reply twice.
     */
    CompletableFuture<Void> left(long updateId, int index) {
        if (!running) {
            return CompletableFuture.completedFuture(null);
        }
        Removal removal = new Removal(key(updateId), Integer.toString(index), new CompletableFuture<>());
        removals.add(removal);
        return removal.applied();
    }

    private void removeLoop() {
        List<Removal> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(removals.take());
            } catch (InterruptedException e) {
                return;
            }
            removals.drainTo(batch, 499);
            try {
                REMOVE.run(redis, batch.stream().map(Removal::key).toList(), batch.stream().map(Removal::field).toList());
                if (outage.ongoing()) {
                    outage.over();
                }
            } catch (RuntimeException e) {
                // left to run out: sent again only if Telegram delivers its update again meanwhile
                outage.down(e);
            }
            batch.forEach(removal -> removal.applied().complete(null));
            batch.clear();
        }
    }

    @Override
    public void destroy() {
        running = false;
        remover.interrupt();
        List<Removal> left = new ArrayList<>();
        removals.drainTo(left);
        left.forEach(removal -> removal.applied().complete(null));
    }
}
