package org.muster.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Kept drafts of long flows in PostgreSQL ({@code conversation_draft}): they must outlive the
 * conversation's Redis state (a day and more), a Redis restart and an instance change. Expiry is
 * compared with the application's clock, never with the database's.
 */
@Repository
class DraftRepository {

    /** A kept draft: the step and its data as the conversation stored them. */
    record Kept(String step, int schemaVersion, String data) {
    }

    private final JdbcClient jdbc;

    DraftRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(long chatId, long userId, String flow, String step, int schemaVersion, String data, Instant expiresAt) {
        jdbc.sql("""
                        insert into conversation_draft (chat_id, user_id, flow, step, schema_version, data, expires_at)
                        values (:c, :u, :f, :s, :v, cast(:d as jsonb), :e)
                        on conflict (chat_id, user_id, flow) do update
                        set step = excluded.step, schema_version = excluded.schema_version, data = excluded.data,
                            expires_at = excluded.expires_at
                        """)
                .param("c", chatId).param("u", userId).param("f", flow).param("s", step).param("v", schemaVersion)
                .param("d", data).param("e", Timestamp.from(expiresAt)).update();
    }

    Optional<Kept> load(long chatId, long userId, String flow, Instant now) {
        return jdbc.sql("""
                        select step, schema_version, data::text as data from conversation_draft
                        where chat_id = :c and user_id = :u and flow = :f and expires_at > :now
                        """)
                .param("c", chatId).param("u", userId).param("f", flow).param("now", Timestamp.from(now))
                .query((rs, n) -> new Kept(rs.getString("step"), rs.getInt("schema_version"), rs.getString("data"))).optional();
    }

    void forget(long chatId, long userId, String flow) {
        jdbc.sql("delete from conversation_draft where chat_id = :c and user_id = :u and flow = :f")
                .param("c", chatId).param("u", userId).param("f", flow).update();
    }

    int forgetUser(long userId) {
        return jdbc.sql("delete from conversation_draft where user_id = :u").param("u", userId).update();
    }
}
