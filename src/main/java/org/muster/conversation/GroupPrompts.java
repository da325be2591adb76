package org.muster.conversation;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages in groups that people answer by replying (rosters, questions about hours), kept in
 * PostgreSQL so that a reply reaches the feature that asked, on any instance and after a restart.
 * {@code open} is the feature's own switch (a roster taking {@code 到} from members, say).
 */
@Component
public class GroupPrompts {

    /** A remembered prompt: {@code kind} says whose, {@code ref} what about (a call, say). */
    public record Prompt(long chatId, int messageId, String kind, long ref, boolean open) {
    }

    private final JdbcClient jdbc;

    GroupPrompts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(long chatId, int messageId, Outbound.Prompt prompt) {
        remember(chatId, messageId, prompt.kind(), prompt.ref(), prompt.open());
    }

    /** For prompts sent outside a conversation turn (by a scheduled job). */
    public void remember(long chatId, int messageId, String kind, long ref, boolean open) {
        jdbc.sql("""
                        insert into group_prompt (chat_id, message_id, kind, ref, open) values (:c, :m, :k, :r, :o)
                        on conflict (chat_id, message_id) do update set kind = excluded.kind, ref = excluded.ref, open = excluded.open
                        """)
                .param("c", chatId).param("m", messageId).param("k", kind).param("r", ref).param("o", open).update();
    }

    public Optional<Prompt> find(long chatId, int messageId) {
        return jdbc.sql("select chat_id, message_id, kind, ref, open from group_prompt where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId)
                .query((rs, i) -> new Prompt(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5)))
                .optional();
    }

    public void open(long chatId, int messageId, boolean open) {
        jdbc.sql("update group_prompt set open = :o where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId).param("o", open).update();
    }

    /** Whether a prompt of this kind about {@code ref} was posted already (one question per shift, say). */
    public boolean asked(String kind, long ref) {
        return jdbc.sql("select exists (select 1 from group_prompt where kind = :k and ref = :r)")
                .param("k", kind).param("r", ref).query(Boolean.class).single();
    }

    /** True the first time this user is refused on this prompt: a refusal is said once, then silence. */
    public boolean firstRefusal(long chatId, int messageId, long userId) {
        return jdbc.sql("""
                        insert into group_prompt_refusal (chat_id, message_id, user_id) values (:c, :m, :u) on conflict do nothing
                        """)
                .param("c", chatId).param("m", messageId).param("u", userId).update() == 1;
    }

    /** An erasure: who was told that a prompt was not for them is not kept. */
    public void forgetUser(long userId) {
        jdbc.sql("delete from group_prompt_refusal where user_id = :u").param("u", userId).update();
    }
}
