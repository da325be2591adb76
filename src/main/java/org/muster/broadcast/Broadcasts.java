package org.muster.broadcast;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.conversation.Languages;
import org.muster.team.GroupChat;
import org.muster.team.Teams;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishing broadcasts and asking how far they got. */
@Component
public class Broadcasts {

    private final BroadcastRepository repository;
    private final Audience audience;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Teams teams;
    private final Languages languages;

    Broadcasts(BroadcastRepository repository, Audience audience, TransactionTemplate transactions, Clock clock, Teams teams,
               Languages languages) {
        this.repository = repository;
        this.audience = audience;
        this.transactions = transactions;
        this.clock = clock;
        this.teams = teams;
        this.languages = languages;
    }

    /**
     * Writes the broadcast and one delivery per recipient, and returns at once; the workers send.
     *
     * @param progressChat where a progress message ("sent 120/500") is kept up to date, or null
     */
    public BroadcastStatus publish(String kind, Long activityId, String text, Target target, long createdBy, Locale locale,
                                   Long progressChat) {
        List<Long> groups = audience.groups(target);
        List<Long> people = audience.volunteers(target);
        long id = transactions.execute(status -> {
            long broadcast = repository.create(kind, activityId, text, createdBy, Languages.code(locale), progressChat);
            repository.addDeliveries(broadcast, groups, false, clock.instant());
            repository.addDeliveries(broadcast, people, true, clock.instant());
            return broadcast;
        });
        return repository.status(id);
    }

    /**
     * Like {@link #publish}, at most once per activity and {@code key} however many instances try
     * (kinds with a once-index in the database: {@code repush}); empty when it was published before.
     */
    public Optional<BroadcastStatus> publishOnce(String kind, long activityId, String key, Target target, long createdBy, Locale locale) {
        List<Long> groups = audience.groups(target);
        List<Long> people = audience.volunteers(target);
        Optional<Long> id = transactions.execute(status -> {
            Optional<Long> created = repository.createOnce(kind, activityId, key, createdBy, Languages.code(locale));
            created.ifPresent(broadcast -> {
                repository.addDeliveries(broadcast, groups, false, clock.instant());
                repository.addDeliveries(broadcast, people, true, clock.instant());
            });
            return created;
        });
        return id.map(repository::status);
    }

    /** A broadcast to exactly these chats (people told of a change to their shift, say). */
    public BroadcastStatus publishTo(String kind, Long activityId, String text, List<Long> chats, boolean toVolunteers,
                                     long createdBy, Locale locale) {
        long id = transactions.execute(status -> {
            long broadcast = repository.create(kind, activityId, text, createdBy, Languages.code(locale), null);
            repository.addDeliveries(broadcast, chats, toVolunteers, clock.instant());
            return broadcast;
        });
        return repository.status(id);
    }

    /** How many groups and volunteers a target reaches now. */
    public int[] reach(Target target) {
        return new int[] {audience.groups(target).size(), audience.volunteers(target).size()};
    }

    /** How many groups and volunteers a target reaches now, with the groups counted by area, for a preview. */
    public Reach reachOf(Target target) {
        Map<String, Integer> byReason = audience.groupsByReason(target);
        return new Reach(byReason.values().stream().mapToInt(Integer::intValue).sum(), audience.volunteers(target).size(), byReason);
    }

    public BroadcastStatus status(long broadcastId) {
        return repository.status(broadcastId);
    }

    /** All broadcasts of one kind about an activity, added up. */
    public BroadcastStatus statusOf(long activityId, String kind) {
        return repository.statusOf(activityId, kind);
    }

    /** {@link #statusOf} of many activities at once; one without a broadcast of this kind counts nothing. */
    public Map<Long, BroadcastStatus> statusesOf(Collection<Long> activityIds, String kind) {
        Map<Long, BroadcastStatus> found = repository.statusesOf(activityIds, kind);
        Map<Long, BroadcastStatus> statuses = new HashMap<>();
        activityIds.forEach(id -> statuses.put(id, found.getOrDefault(id, new BroadcastStatus(0, 0, 0, 0))));
        return statuses;
    }

    /** The language to write to a recipient in: a group's own, or a volunteer's. */
    public Locale localeOf(long chatId, boolean toVolunteer, Locale fallback) {
        if (toVolunteer || chatId > 0) {
            return languages.forUserId(chatId);
        }
        return teams.group(chatId).map(GroupChat::language).flatMap(Languages::fromCode).orElse(fallback);
    }
}
