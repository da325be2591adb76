package org.muster.team;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GroupRepository {

    private static final String COLUMNS = "chat_id, title, kind, team_id, language, bot_status";

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the bot is in (or out of) a group; the language is set only the first time. */
    void seen(long chatId, String title, String kind, String botStatus, Long addedBy, String language) {
        jdbc.sql("""
                        insert into group_chat (chat_id, title, kind, bot_status, added_by, language)
                        values (:chat, :title, :kind, :status, :by, :language)
                        on conflict (chat_id) do update set title = coalesce(excluded.title, group_chat.title),
                            kind = excluded.kind, bot_status = excluded.bot_status,
                            added_by = coalesce(excluded.added_by, group_chat.added_by), updated_at = now()
                        """)
                .param("chat", chatId).param("title", title).param("kind", kind).param("status", botStatus)
                .param("by", addedBy).param("language", language)
                .update();
    }

    /** The group's record, made now if the bot joined before Muster kept records (or the notice was lost). */
    GroupChat ensure(org.muster.conversation.Turn turn) {
        if (!turn.chat().isGroup()) {
            throw new IllegalArgumentException("chat " + turn.chatId() + " is not a group: no group record for it");
        }
        return byChat(turn.chatId()).orElseGet(() -> {
            seen(turn.chatId(), turn.chat().title(), turn.chat().kind().name().toLowerCase(java.util.Locale.ROOT),
                    "member", null, org.muster.conversation.Languages.code(turn.locale()));
            return byChat(turn.chatId()).orElseThrow();
        });
    }

    void botStatus(long chatId, String status) {
        jdbc.sql("update group_chat set bot_status = :status, updated_at = now() where chat_id = :chat")
                .param("chat", chatId).param("status", status).update();
    }

    Optional<GroupChat> byChat(long chatId) {
        return jdbc.sql("select " + COLUMNS + " from group_chat where chat_id = :chat").param("chat", chatId)
                .query(GroupRepository::group).optional();
    }

    Optional<GroupChat> ofTeam(long teamId) {
        return jdbc.sql("select " + COLUMNS + " from group_chat where team_id = :team").param("team", teamId)
                .query(GroupRepository::group).optional();
    }

    /** Links the group to the team; the team's previous group, if any, is unlinked. */
    void bind(long chatId, long teamId) {
        jdbc.sql("update group_chat set team_id = null, updated_at = now() where team_id = :team and chat_id <> :chat")
                .param("team", teamId).param("chat", chatId).update();
        jdbc.sql("update group_chat set team_id = :team, updated_at = now() where chat_id = :chat")
                .param("team", teamId).param("chat", chatId).update();
    }

    void language(long chatId, String language) {
        jdbc.sql("update group_chat set language = :language, updated_at = now() where chat_id = :chat")
                .param("chat", chatId).param("language", language).update();
    }

    /**
     * Moves every record of a group to its new (supergroup) id. If the new id was already recorded
     * (its first update arrived before the migration notice), the old group's record wins.
     */
    boolean move(long from, long to) {
        if (byChat(from).isEmpty()) {
            return false;
        }
        jdbc.sql("delete from group_chat where chat_id = :to").param("to", to).update();
        jdbc.sql("update group_chat set chat_id = :to, kind = 'supergroup', updated_at = now() where chat_id = :from")
                .param("from", from).param("to", to).update();
        return true;
    }

    Subscription subscription(long chatId) {
        return jdbc.sql("select chat_id, all_calls, area_codes, skill_codes from subscription where chat_id = :chat")
                .param("chat", chatId)
                .query((rs, i) -> new Subscription(rs.getLong(1), rs.getBoolean(2), strings(rs.getArray(3)), strings(rs.getArray(4))))
                .optional().orElse(Subscription.none(chatId));
    }

    void saveSubscription(Subscription subscription, long by) {
        jdbc.sql("""
                        insert into subscription (chat_id, all_calls, area_codes, skill_codes, updated_by)
                        values (:chat, :all, :areas, :skills, :by)
                        on conflict (chat_id) do update set all_calls = excluded.all_calls, area_codes = excluded.area_codes,
                            skill_codes = excluded.skill_codes, updated_by = excluded.updated_by, updated_at = now()
                        """)
                .param("chat", subscription.chatId()).param("all", subscription.allCalls())
                .param("areas", subscription.areaCodes().toArray(String[]::new))
                .param("skills", subscription.skillCodes().toArray(String[]::new)).param("by", by)
                .update();
    }

    /**
     * The group receives no more calls. An update, not an insert: a send can learn that the bot was
     * removed before Muster has recorded the group at all (its join notice still on the way), and a
     * group without a record has no subscription to end.
     */
    void unsubscribe(long chatId) {
        jdbc.sql("""
                        update subscription set all_calls = false, area_codes = '{}', skill_codes = '{}', updated_by = 0, updated_at = now()
                        where chat_id = :chat
                        """)
                .param("chat", chatId).update();
    }

    List<GroupChat> subscribed() {
        return jdbc.sql("""
                        select g.chat_id, g.title, g.kind, g.team_id, g.language, g.bot_status from group_chat g
                        join subscription s on s.chat_id = g.chat_id
                        where g.bot_status in ('member', 'administrator')
                          and (s.all_calls or cardinality(s.area_codes) > 0 or cardinality(s.skill_codes) > 0)
                        """)
                .query(GroupRepository::group).list();
    }

    /** The subscriptions of the groups the bot is in that want any calls at all. */
    List<Subscription> activeSubscriptions() {
        return jdbc.sql("""
                        select s.chat_id, s.all_calls, s.area_codes, s.skill_codes from subscription s
                        join group_chat g on g.chat_id = s.chat_id
                        where g.bot_status in ('member', 'administrator')
                          and (s.all_calls or cardinality(s.area_codes) > 0 or cardinality(s.skill_codes) > 0)
                        """)
                .query((rs, i) -> new Subscription(rs.getLong(1), rs.getBoolean(2), strings(rs.getArray(3)), strings(rs.getArray(4))))
                .list();
    }

    /** Of these users, those this group has not welcomed yet, now marked as welcomed. */
    List<Long> welcomeOnce(long chatId, List<Long> userIds) {
        return userIds.stream()
                .filter(user -> jdbc.sql("insert into group_welcome (chat_id, user_id) values (:chat, :user) on conflict do nothing")
                        .param("chat", chatId).param("user", user).update() == 1)
                .toList();
    }

    private static GroupChat group(ResultSet rs, int row) throws SQLException {
        return new GroupChat(rs.getLong("chat_id"), rs.getString("title"), rs.getString("kind"),
                rs.getObject("team_id", Long.class), rs.getString("language"), rs.getString("bot_status"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** An erasure: the groups stay; who added the bot, changed a subscription or was welcomed is not kept. */
    void forgetUser(long userId) {
        jdbc.sql("update group_chat set added_by = null where added_by = :user").param("user", userId).update();
        jdbc.sql("update subscription set updated_by = null where updated_by = :user").param("user", userId).update();
        jdbc.sql("delete from group_welcome where user_id = :user").param("user", userId).update();
    }
}
