package org.muster.broadcast;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.muster.conversation.Languages;
import org.springframework.stereotype.Component;

/**
 * Deliveries due at a time and pointless after a deadline, such as shift reminders: kept in the
 * outbox, so they survive restarts, are sent by exactly one instance, share the rate limit with
 * everything else, and go earliest deadline first.
 */
@Component
public class Schedules {

    /** A scheduled, not yet sent delivery: {@code key} tells one schedule of a kind from another (an offset, say). */
    public record Pending(long deliveryId, String key, long chatId) {
    }

    private final BroadcastRepository repository;

    Schedules(BroadcastRepository repository) {
        this.repository = repository;
    }

    /** Schedules (or moves) the {@code kind}/{@code key} delivery of an activity to a chat. */
    public void schedule(String kind, long activityId, String key, long chatId, boolean toVolunteer, Instant due, Instant deadline,
                         Locale locale) {
        long broadcast = repository.findOrCreate(kind, activityId, key, 0, Languages.code(locale));
        repository.schedule(broadcast, chatId, toVolunteer, due, deadline);
    }

    /** The pending deliveries of a kind to one chat (one volunteer's reminders, say). */
    public List<Pending> pending(long activityId, String kind, long chatId) {
        return repository.scheduled(activityId, kind, chatId).stream()
                .map(s -> new Pending(s.deliveryId(), s.key(), s.chatId())).toList();
    }

    public List<Pending> pending(long activityId, String kind) {
        return repository.scheduled(activityId, kind).stream()
                .map(s -> new Pending(s.deliveryId(), s.key(), s.chatId())).toList();
    }

    /**
     * When the oldest delivery of these kinds that is due at {@code now} but not sent became due:
     * how late the outbox runs for them (a reminder's lateness, say). Empty when none is due.
     */
    public Optional<Instant> oldestDue(Instant now, Collection<String> kinds) {
        return repository.oldestDue(now, List.copyOf(kinds));
    }

    public void cancel(Collection<Long> deliveryIds) {
        repository.unschedule(deliveryIds);
    }
}
