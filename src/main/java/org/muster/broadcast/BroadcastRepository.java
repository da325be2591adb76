package org.muster.broadcast;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BroadcastRepository {

    /** A claimed delivery. */
    record Delivery(long id, long broadcastId, long chatId, boolean toVolunteer, int attempts, Instant deadline) {
    }

    private final JdbcClient jdbc;

    BroadcastRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(String kind, Long activityId, String text, long createdBy, String language, Long progressChat) {
        return jdbc.sql("""
                        insert into broadcast (kind, activity_id, text, created_by, language, progress_chat_id)
                        values (:kind, :activity, :text, :by, :language, :progress) returning id
                        """)
                .param("kind", kind).param("activity", activityId).param("text", text).param("by", createdBy)
                .param("language", language).param("progress", progressChat)
                .query(Long.class).single();
    }

    /** Empty when a broadcast of this kind, activity and key exists already (the once-index said no). */
    Optional<Long> createOnce(String kind, long activityId, String key, long createdBy, String language) {
        return jdbc.sql("""
                        insert into broadcast (kind, activity_id, text, created_by, language) values (:kind, :activity, :key, :by, :language)
                        on conflict (activity_id, text) where kind = 'repush' and text is not null do nothing
                        returning id
                        """)
                .param("kind", kind).param("activity", activityId).param("key", key).param("by", createdBy).param("language", language)
                .query(Long.class).optional();
    }

    /** One statement for all the recipients, however many. */
    void addDeliveries(long broadcastId, Collection<Long> chats, boolean toVolunteers, Instant now) {
        if (chats.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into broadcast_delivery (broadcast_id, chat_id, to_volunteer, next_attempt_at)
                        select :b, chat, :volunteer, :now from unnest(:chats) as chat
                        on conflict do nothing
                        """)
                .param("b", broadcastId).param("chats", chats.toArray(Long[]::new)).param("volunteer", toVolunteers)
                .param("now", at(now)).update();
    }

    void progressMessage(long broadcastId, int messageId) {
        jdbc.sql("update broadcast set progress_message_id = :m where id = :b").param("m", messageId).param("b", broadcastId).update();
    }

    Optional<Broadcast> byId(long id) {
        return jdbc.sql("select id, kind, activity_id, text, created_by, language from broadcast where id = :id")
                .param("id", id)
                .query((rs, i) -> new Broadcast(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
                        rs.getLong(5), rs.getString(6)))
                .optional();
    }

    /** Claims up to {@code batch} due deliveries that no other worker holds. */
    List<Delivery> claim(String worker, int batch, Instant now) {
        return jdbc.sql("""
                        with due as (
                            select id from broadcast_delivery
                            where status = 'pending' and next_attempt_at <= :now
                            order by deadline nulls last, id
                            limit :batch
                            for update skip locked)
                        update broadcast_delivery d
                        set status = 'sending', claimed_by = :worker, claimed_at = :now, attempts = d.attempts + 1
                        from due where d.id = due.id
                        returning d.id, d.broadcast_id, d.chat_id, d.to_volunteer, d.attempts, d.deadline
                        """)
                .param("now", at(now)).param("batch", batch).param("worker", worker)
                .query((rs, i) -> {
                    OffsetDateTime deadline = rs.getObject(6, OffsetDateTime.class);
                    return new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4), rs.getInt(5),
                            deadline == null ? null : deadline.toInstant());
                })
                .list();
    }

    void sent(long deliveryId, long chatId, int messageId, Instant now) {
        // a group that became a supergroup is recorded under its new id, unless that id is already a target
        jdbc.sql("""
                        update broadcast_delivery d set status = 'sent', sent_at = :now, message_id = :message,
                            chat_id = case when exists (select 1 from broadcast_delivery o
                                                        where o.broadcast_id = d.broadcast_id and o.chat_id = :chat and o.id <> d.id)
                                           then d.chat_id else :chat end
                        where id = :id
                        """)
                .param("id", deliveryId).param("chat", chatId).param("message", messageId).param("now", at(now)).update();
    }

    void failed(long deliveryId, String why) {
        jdbc.sql("update broadcast_delivery set status = 'failed', last_error = :why where id = :id")
                .param("id", deliveryId).param("why", why).update();
    }

    void retryAt(long deliveryId, Instant when, String why) {
        jdbc.sql("""
                        update broadcast_delivery set status = 'pending', next_attempt_at = :when, last_error = :why,
                            claimed_by = null, claimed_at = null
                        where id = :id
                        """)
                .param("id", deliveryId).param("when", at(when)).param("why", why).update();
    }

    /** Gives back deliveries this worker claimed but did not start (it is stopping). */
    void release(Collection<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update broadcast_delivery set status = 'pending', attempts = greatest(attempts - 1, 0),
                            claimed_by = null, claimed_at = null
                        where id = any(:ids) and status = 'sending'
                        """)
                .param("ids", deliveryIds.toArray(Long[]::new)).update();
    }

    /** Claims whose instance died before finishing: due again. */
    /** Claims whose messages still wait in the outbound queues stay this worker's. */
    void renewClaims(String worker, List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update broadcast_delivery set claimed_at = :now where id = any(:ids) and claimed_by = :worker and status = 'sending'")
                .param("now", at(now)).param("ids", ids.toArray(Long[]::new)).param("worker", worker).update();
    }

    int reclaimStale(Instant olderThan) {
        return jdbc.sql("""
                        update broadcast_delivery set status = 'pending', claimed_by = null, claimed_at = null
                        where status = 'sending' and claimed_at < :before
                        """)
                .param("before", at(olderThan)).update();
    }

    BroadcastStatus status(long broadcastId) {
        return jdbc.sql("""
                        select count(*), count(*) filter (where status = 'sent'), count(*) filter (where status = 'failed')
                        from broadcast_delivery where broadcast_id = :b
                        """)
                .param("b", broadcastId)
                .query((rs, i) -> new BroadcastStatus(broadcastId, rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .single();
    }

    /** All deliveries of an activity's broadcasts of one kind, added up. */
    BroadcastStatus statusOf(long activityId, String kind) {
        return jdbc.sql("""
                        select count(*), count(*) filter (where d.status = 'sent'), count(*) filter (where d.status = 'failed')
                        from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                        where b.activity_id = :a and b.kind = :kind
                        """)
                .param("a", activityId).param("kind", kind)
                .query((rs, i) -> new BroadcastStatus(0, rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .single();
    }

    /**
     * {@link #statusOf} for many activities in one statement (the console's board asks for every
     * current call each second); an activity without a broadcast of this kind is absent.
     */
    Map<Long, BroadcastStatus> statusesOf(Collection<Long> activityIds, String kind) {
        if (activityIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, BroadcastStatus> statuses = new HashMap<>();
        jdbc.sql("""
                        select b.activity_id, count(*), count(*) filter (where d.status = 'sent'), count(*) filter (where d.status = 'failed')
                        from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                        where b.activity_id in (:a) and b.kind = :kind
                        group by b.activity_id
                        """)
                .param("a", List.copyOf(activityIds)).param("kind", kind)
                .query(rs -> {
                    statuses.put(rs.getLong(1), new BroadcastStatus(0, rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                });
        return statuses;
    }

    record Progress(long broadcastId, long chatId, int messageId, int shown, String language) {
    }

    /**
     * Progress messages that show less than has happened; a first message still being sent counts only
     * once its claim is older than {@code expired} (the instance sending it died).
     */
    List<Progress> staleProgress(java.time.Instant expired) {
        return jdbc.sql("""
                        select b.id, b.progress_chat_id, b.progress_message_id, b.progress_shown, b.language
                        from broadcast b
                        where b.progress_chat_id is not null and not b.progress_finished
                          and (coalesce(b.progress_message_id, 0) <> -1 or b.progress_claimed_at is null or b.progress_claimed_at < :expired)
                          and b.progress_shown < (select count(*) filter (where d.status in ('sent', 'failed'))
                                                  from broadcast_delivery d where d.broadcast_id = b.id)
                        """)
                .param("expired", java.time.OffsetDateTime.ofInstant(expired, java.time.ZoneOffset.UTC))
                .query((rs, i) -> new Progress(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getString(5)))
                .list();
    }

    /**
     * Claims the next update of a progress message, as read in {@code seen}: true for the one instance
     * whose update found the row still as it was. A first message not sent yet is marked as being sent
     * ({@code progress_message_id} -1), so no round sends it twice while the send is on its way.
     */
    boolean claimProgress(Progress seen, int shown, boolean finished, java.time.Instant now) {
        return jdbc.sql("""
                        update broadcast set progress_shown = :shown, progress_finished = :finished,
                            progress_message_id = case when :first then -1 else progress_message_id end,
                            progress_claimed_at = case when :first then :now else progress_claimed_at end
                        where id = :b and progress_shown = :was and coalesce(progress_message_id, 0) = :message
                        """)
                .param("shown", shown).param("finished", finished).param("first", seen.messageId() <= 0)
                .param("now", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                .param("b", seen.broadcastId()).param("was", seen.shown()).param("message", seen.messageId()).update() == 1;
    }

    /** The first progress message could not be sent: the next round sends it again. */
    void progressNotSent(long broadcastId) {
        jdbc.sql("update broadcast set progress_message_id = null, progress_shown = 0, progress_finished = false where id = :b")
                .param("b", broadcastId).update();
    }

    // ---- deliveries due at a time, with a deadline (reminders, rosters)

    long findOrCreate(String kind, long activityId, String key, long createdBy, String language) {
        jdbc.sql("""
                        insert into broadcast (kind, activity_id, text, created_by, language) values (:kind, :activity, :key, :by, :language)
                        on conflict (activity_id, kind, text) where kind in ('reminder', 'roster') do nothing
                        """)
                .param("kind", kind).param("activity", activityId).param("key", key).param("by", createdBy).param("language", language)
                .update();
        return jdbc.sql("select id from broadcast where activity_id = :activity and kind = :kind and text = :key")
                .param("kind", kind).param("activity", activityId).param("key", key).query(Long.class).single();
    }

    /** Due at {@code due}, pointless after {@code deadline}; an unsent one is moved, a sent one left alone. */
    void schedule(long broadcastId, long chatId, boolean toVolunteer, Instant due, Instant deadline) {
        jdbc.sql("""
                        insert into broadcast_delivery (broadcast_id, chat_id, to_volunteer, next_attempt_at, deadline, planned)
                        values (:b, :chat, :volunteer, :due, :deadline, false)
                        on conflict (broadcast_id, chat_id) do update set next_attempt_at = excluded.next_attempt_at,
                            deadline = excluded.deadline, attempts = 0, planned = false
                        where broadcast_delivery.status = 'pending'
                        """)
                .param("b", broadcastId).param("chat", chatId).param("volunteer", toVolunteer)
                .param("due", at(due)).param("deadline", at(deadline)).update();
    }

    /** A scheduled delivery not yet sent. */
    record Scheduled(long deliveryId, long broadcastId, String key, long chatId) {
    }

    List<Scheduled> scheduled(long activityId, String kind) {
        return jdbc.sql("""
                        select d.id, b.id, b.text, d.chat_id from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                        where b.activity_id = :activity and b.kind = :kind and d.status = 'pending'
                        """)
                .param("activity", activityId).param("kind", kind)
                .query((rs, i) -> new Scheduled(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    List<Scheduled> scheduled(long activityId, String kind, long chatId) {
        return jdbc.sql("""
                        select d.id, b.id, b.text, d.chat_id from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                        where b.activity_id = :activity and b.kind = :kind and d.chat_id = :chat and d.status = 'pending'
                        """)
                .param("activity", activityId).param("kind", kind).param("chat", chatId)
                .query((rs, i) -> new Scheduled(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    void unschedule(Collection<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        jdbc.sql("delete from broadcast_delivery where id = any(:ids) and status = 'pending'")
                .param("ids", deliveryIds.toArray(Long[]::new)).update();
    }

    /** Whether anything with a deadline was scheduled or moved since the last plan. */
    boolean needsPlanning(Instant now) {
        return jdbc.sql("select exists (select 1 from broadcast_delivery where status = 'pending' and not planned and deadline > :now)")
                .param("now", at(now)).query(Boolean.class).single();
    }

    /**
     * Moves deliveries with a deadline earlier when the queue behind them (in deadline order) could
     * not otherwise be sent at {@code perSecond} before its deadlines. The r-th in line must leave
     * by the tightest, over every r' from r on, of (deadline of r' less the time r..r' need), less
     * {@code margin}. Counting {@code rd} from the end of the line, that is a running minimum of
     * {@code deadline + rd/rate} in one backward pass over the index, less {@code (rd + 1)/rate}.
     * Never moves one later. Marks what it saw as planned; rows committed meanwhile stay unplanned
     * for the next run. Returns how many it moved.
     */
    int plan(Instant now, double perSecond, java.time.Duration margin) {
        return (int) jdbc.sql("""
                        with ranked as (
                            select id, next_attempt_at, deadline, planned, row_number() over (order by deadline desc, id desc) as rd
                            from broadcast_delivery
                            where status = 'pending' and deadline is not null and deadline > :now),
                        timed as (
                            select id, next_attempt_at, deadline, planned,
                                   min(deadline + rd * (interval '1 second' / :rate))
                                       over (order by deadline desc, id desc rows between unbounded preceding and current row)
                                   - (rd + 1) * (interval '1 second' / :rate) - :margin * interval '1 second' as latest
                            from ranked),
                        decided as (
                            select id, next_attempt_at, deadline, planned, latest < next_attempt_at and next_attempt_at > :now as early,
                                   latest from timed)
                        update broadcast_delivery d
                        set next_attempt_at = case when p.early then greatest(p.latest, :now) else d.next_attempt_at end, planned = true
                        from decided p
                        where d.id = p.id and (p.early or not p.planned)
                          -- a row rescheduled while this ran keeps its new time and stays unplanned for the next run
                          and d.status = 'pending' and d.next_attempt_at = p.next_attempt_at and d.deadline = p.deadline
                          and d.planned = p.planned
                        returning p.early
                        """)
                .param("now", at(now)).param("rate", perSecond).param("margin", margin.toMillis() / 1000.0)
                .query(Boolean.class).list().stream().filter(Boolean::booleanValue).count();
    }

    /**
     * When the oldest delivery that is due at {@code now} but not sent yet became due (pending past its
     * time, or claimed and still on its way); empty when none is. Only the given kinds when some are named.
     * Both halves read a partial index: pending rows by {@code next_attempt_at}, the few claimed ones by status.
     */
    Optional<Instant> oldestDue(Instant now, Collection<String> kinds) {
        boolean all = kinds.isEmpty();
        OffsetDateTime oldest = jdbc.sql("""
                        select least(
                            (select min(d.next_attempt_at) from broadcast_delivery d
                             where d.status = 'pending' and d.next_attempt_at <= :now
                               and (:all or exists (select 1 from broadcast b where b.id = d.broadcast_id and b.kind = any(:kinds)))),
                            (select min(d.next_attempt_at) from broadcast_delivery d
                             where d.status = 'sending' and d.claimed_at is not null
                               and (:all or exists (select 1 from broadcast b where b.id = d.broadcast_id and b.kind = any(:kinds)))))
                        """)
                .param("now", at(now)).param("all", all).param("kinds", kinds.toArray(String[]::new))
                .query(OffsetDateTime.class).list().get(0);
        return Optional.ofNullable(oldest).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * An erasure: nothing more to the person's private chat and no delivery row with its id; what
     * they broadcast stays, sent by nobody.
     */
    void forgetUser(long userId) {
        jdbc.sql("delete from broadcast_delivery where chat_id = :user").param("user", userId).update();
        jdbc.sql("update broadcast set created_by = 0 where created_by = :user").param("user", userId).update();
        jdbc.sql("update broadcast set progress_chat_id = null, progress_message_id = null where progress_chat_id = :user")
                .param("user", userId).update();
    }
}
