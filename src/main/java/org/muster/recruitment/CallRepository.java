package org.muster.recruitment;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CallRepository {

    private static final String COLUMNS = """
            id, title, description, site_name, site_address, site_latitude, site_longitude, area_code, starts_at, ends_at,
            slots, skills, status, target_all, target_by_area, target_by_skill, target_direct, created_by, shown_version, team_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    CallRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long create(RecruitFlow.Draft draft, long createdBy) {
        return jdbc.sql("""
                        insert into activity (title, description, site_name, site_address, site_latitude, site_longitude, area_code,
                            starts_at, ends_at, slots, skills, target_all, target_by_area, target_by_skill, target_direct, created_by, team_id,
                            created_at)
                        values (:title, :description, :site, :address, :lat, :lon, :area, :starts, :ends, :slots, :skills,
                            :all, :byArea, :bySkill, :direct, :by, :team, :created)
                        returning id
                        """)
                .param("title", draft.title()).param("description", draft.description()).param("site", draft.siteName())
                .param("address", draft.siteAddress()).param("lat", draft.latitude()).param("lon", draft.longitude())
                .param("area", draft.areaCode()).param("starts", at(draft.startsAt())).param("ends", at(draft.endsAt()))
                .param("slots", draft.slots()).param("skills", draft.skills().toArray(String[]::new))
                .param("all", draft.targetAll()).param("byArea", draft.targetByArea()).param("bySkill", draft.targetBySkill())
                .param("direct", draft.targetDirect()).param("by", createdBy).param("team", draft.teamId())
                // the re-push compares it with the business clock, so it comes from there too
                .param("created", at(clock.instant()))
                .query(Long.class).single();
    }

    Optional<Call> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from activity where id = :id").param("id", id).query(CallRepository::call).optional();
    }

    /** The call, locked for the rest of the transaction: enrolments of one call take turns here. */
    Optional<Call> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from activity where id = :id for update").param("id", id)
                .query(CallRepository::call).optional();
    }

    List<Call> createdBy(long userId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from activity where created_by = :user order by starts_at desc limit :limit")
                .param("user", userId).param("limit", limit).query(CallRepository::call).list();
    }

    /** The organisation's calls still to be run: open ones, and any whose shift has not ended; soonest first. */
    List<Call> current(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from activity where status = 'open' or ends_at > :now order by starts_at, id limit :limit")
                .param("now", at(now)).param("limit", limit).query(CallRepository::call).list();
    }

    /** Calls of these teams whose shift ended after {@code since}; soonest first. */
    List<Call> ofTeamsSince(List<Long> teams, Instant since, int limit) {
        if (teams.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from activity where team_id in (:teams) and ends_at > :since order by starts_at, id limit :limit")
                .param("teams", teams).param("since", at(since)).param("limit", limit).query(CallRepository::call).list();
    }

    void status(long id, String status) {
        jdbc.sql("update activity set status = :status, updated_at = now(), shown_version = shown_version + 1 where id = :id")
                .param("id", id).param("status", status).update();
        jdbc.sql("update call_copy set stale = true where activity_id = :id and not stale").param("id", id).update();
    }

    void retime(long id, Instant starts, Instant ends) {
        jdbc.sql("""
                        update activity set starts_at = :starts, ends_at = :ends, updated_at = now(), shown_version = shown_version + 1
                        where id = :id
                        """)
                .param("id", id).param("starts", at(starts)).param("ends", at(ends)).update();
        jdbc.sql("update call_copy set stale = true where activity_id = :id and not stale").param("id", id).update();
    }

    /** What the call's messages show changed: their copies will be edited. */
    void changed(long id) {
        jdbc.sql("update activity set shown_version = shown_version + 1 where id = :id").param("id", id).update();
        jdbc.sql("update call_copy set stale = true where activity_id = :id and not stale").param("id", id).update();
    }

    /** Calls run by the team whose shift is on at some time between {@code from} and {@code to}. */
    List<Call> ofTeamBetween(long teamId, Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + " from activity where team_id = :team and status <> 'cancelled' "
                        + "and starts_at < :to and ends_at > :from order by starts_at")
                .param("team", teamId).param("from", at(from)).param("to", at(to)).query(CallRepository::call).list();
    }

    /** Calls whose shift ended before {@code before} and after {@code after}. */
    /** The call a message in a group is a copy of, if it is one. */
    Optional<Long> copyAt(long chatId, int messageId) {
        return jdbc.sql("select activity_id from call_copy where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId).query(Long.class).optional();
    }

    /** An open call and when it was made. */
    record Upcoming(Call call, Instant createdAt) {
    }

    /** Open calls starting after {@code from} and no later than {@code to}. */
    List<Upcoming> openStartingBetween(Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + ", created_at from activity where status = 'open' and starts_at > :from and starts_at <= :to")
                .param("from", at(from)).param("to", at(to))
                .query((rs, i) -> new Upcoming(call(rs, i), rs.getObject("created_at", OffsetDateTime.class).toInstant())).list();
    }

    List<Call> endedBetween(Instant after, Instant before) {
        return jdbc.sql("select " + COLUMNS + " from activity where status <> 'cancelled' and ends_at > :after and ends_at <= :before")
                .param("after", at(after)).param("before", at(before)).query(CallRepository::call).list();
    }

    /** The counts of several calls in one statement; a call without enrolments is not in the map. */
    java.util.Map<Long, Counts> countsOf(List<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<Long, Counts> counts = new java.util.HashMap<>();
        jdbc.sql("""
                        select activity_id, count(*) filter (where status in ('confirmed', 'no_show')), count(*) filter (where status = 'offered'),
                               count(*) filter (where status = 'waitlisted')
                        from enrollment where activity_id = any(:ids) group by activity_id
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, i) -> counts.put(rs.getLong(1), new Counts(rs.getInt(2), rs.getInt(3), rs.getInt(4)))).list();
        return counts;
    }

    Counts counts(long id) {
        return jdbc.sql("""
                        select count(*) filter (where status in ('confirmed', 'no_show')), count(*) filter (where status = 'offered'),
                               count(*) filter (where status = 'waitlisted')
                        from enrollment where activity_id = :id
                        """)
                .param("id", id).query((rs, i) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    void addCopy(long activityId, long chatId, int messageId, long shown) {
        jdbc.sql("""
                        insert into call_copy (activity_id, chat_id, message_id, shown, stale)
                        values (:a, :c, :m, :shown, (select shown_version from activity where id = :a) > :shown)
                        on conflict do nothing
                        """)
                .param("a", activityId).param("c", chatId).param("m", messageId).param("shown", shown).update();
    }

    record StaleCopy(long activityId, long chatId, int messageId, long version) {
    }

    /**
     * Claims copies that show an older state than their call and were not edited within the last
     * {@code minimumGap}: marking them as edited now is the claim, so other instances skip them.
     */
    List<StaleCopy> claimStaleCopies(Instant now, java.time.Duration minimumGap, int limit) {
        return jdbc.sql("""
                        with stale as (
                            select c.activity_id, c.chat_id, c.message_id from call_copy c
                            where c.stale and (c.edited_at is null or c.edited_at <= :cutoff)
                            order by c.edited_at nulls first
                            limit :limit
                            for update of c skip locked)
                        update call_copy c set edited_at = :now
                        from stale, activity a
                        where c.activity_id = stale.activity_id and c.chat_id = stale.chat_id and c.message_id = stale.message_id
                          and a.id = c.activity_id
                        returning c.activity_id, c.chat_id, c.message_id, a.shown_version
                        """)
                .param("now", at(now)).param("cutoff", at(now.minus(minimumGap))).param("limit", limit)
                .query((rs, i) -> new StaleCopy(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)))
                .list();
    }

    /** The copy shows {@code version}: behind no more, unless the call changed again meanwhile. */
    void shown(StaleCopy copy) {
        jdbc.sql("""
                        update call_copy c set shown = greatest(c.shown, :version),
                            stale = (select a.shown_version from activity a where a.id = c.activity_id) > greatest(c.shown, :version)
                        where activity_id = :a and chat_id = :c and message_id = :m
                        """)
                .param("version", copy.version()).param("a", copy.activityId()).param("c", copy.chatId())
                .param("m", copy.messageId()).update();
    }

    /** A chat's copies that can no longer be edited (the group moved, or removed the bot). */
    void forgetCopies(long chatId) {
        jdbc.sql("delete from call_copy where chat_id = :chat").param("chat", chatId).update();
    }

    private static Call call(ResultSet rs, int row) throws SQLException {
        return new Call(rs.getLong("id"), rs.getString("title"), rs.getString("description"), rs.getString("site_name"),
                rs.getString("site_address"), rs.getObject("site_latitude", Double.class), rs.getObject("site_longitude", Double.class),
                rs.getString("area_code"), rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getInt("slots"), strings(rs.getArray("skills")),
                rs.getString("status"), rs.getBoolean("target_all"), rs.getBoolean("target_by_area"), rs.getBoolean("target_by_skill"),
                rs.getBoolean("target_direct"), rs.getLong("created_by"), rs.getLong("shown_version"), rs.getObject("team_id", Long.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** An erasure: calls the person made stay, made by nobody; copies sent to them privately are forgotten. */
    void forgetUser(long userId) {
        jdbc.sql("update activity set created_by = 0 where created_by = :user").param("user", userId).update();
        jdbc.sql("delete from call_copy where chat_id = :user").param("user", userId).update();
    }
}
