package org.muster.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages in groups that people answer by replying (rosters, questions about hours), kept in
 * PostgreSQL so that a reply reaches the feature that asked, on any instance and after a restart.
 * {@code open} is the feature's own switch (a roster taking {@code 到} from members, say).
 */
@Component
public class GroupPrompts {

    /** A remembered prompt: {@code kind} says whose, {@code ref} what about (a call, say), {@code page} which page of it is shown. */
    public record Prompt(long chatId, int messageId, String kind, long ref, boolean open, int page) {
    }

    private final JdbcClient jdbc;

    GroupPrompts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(long chatId, int messageId, Outbound.Prompt prompt) {
        remember(chatId, messageId, prompt.kind(), prompt.ref(), prompt.open());
    }

    /**
     * For prompts sent outside a conversation turn (by a scheduled job). A message in a private chat
     * (a card to redraw later) is kept apart from group prompts: it has no group and gets no replies.
     */
    public void remember(long chatId, int messageId, String kind, long ref, boolean open) {
        if (chatId > 0) {
            jdbc.sql("""
                            insert into private_card (chat_id, message_id, kind, ref) values (:c, :m, :k, :r)
                            on conflict (chat_id, message_id) do update set kind = excluded.kind, ref = excluded.ref
                            """)
                    .param("c", chatId).param("m", messageId).param("k", kind).param("r", ref).update();
            return;
        }
        jdbc.sql("""
                        insert into group_prompt (chat_id, message_id, kind, ref, open) values (:c, :m, :k, :r, :o)
                        on conflict (chat_id, message_id) do update set kind = excluded.kind, ref = excluded.ref, open = excluded.open
                        """)
                .param("c", chatId).param("m", messageId).param("k", kind).param("r", ref).param("o", open).update();
    }

    /** Every remembered message of this kind about {@code ref}. */
    public List<Prompt> of(String kind, long ref) {
        return jdbc.sql("""
                        select chat_id, message_id, kind, ref, open, page from group_prompt where kind = :k and ref = :r
                        union all
                        select chat_id, message_id, kind, ref, false, 0 from private_card where kind = :k and ref = :r
                        """)
                .param("k", kind).param("r", ref)
                .query((rs, i) -> new Prompt(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5), rs.getInt(6)))
                .list();
    }

    public Optional<Prompt> find(long chatId, int messageId) {
        return jdbc.sql("select chat_id, message_id, kind, ref, open, page from group_prompt where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId)
                .query((rs, i) -> new Prompt(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5), rs.getInt(6)))
                .optional();
    }

    /** Which page of a long prompt the message shows. */
    public void page(long chatId, int messageId, int page) {
        jdbc.sql("update group_prompt set page = :p where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId).param("p", page).update();
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

    /** What changed about {@code ref}: its prompts of these kinds are behind now, and will be redrawn. */
    public void changed(Set<String> kinds, long ref) {
        jdbc.sql("update group_prompt set version = version + 1 where kind in (:k) and ref = :r")
                .param("k", kinds).param("r", ref).update();
    }

    /** The version a prompt stands at: read it before drawing the prompt, and mark that version shown after. */
    public long version(long chatId, int messageId) {
        return jdbc.sql("select version from group_prompt where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId).query(Long.class).optional().orElse(0L);
    }

    /** The prompt now shows {@code version} (or later). */
    public void shown(long chatId, int messageId, long version) {
        jdbc.sql("update group_prompt set shown = greatest(shown, :v) where chat_id = :c and message_id = :m")
                .param("c", chatId).param("m", messageId).param("v", version).update();
    }

    /** A prompt that shows less than it should, and the version to draw. */
    public record Stale(Prompt prompt, long version) {
    }

    /**
     * Claims prompts of these kinds that are behind and were not edited within {@code gap}: marking
     * them edited now is the claim, so other instances skip them. After drawing one, call
     * {@link #shown}; a change meanwhile leaves it behind for the next round.
     */
    public List<Stale> claimStale(Set<String> kinds, Instant now, Duration gap, int limit) {
        return jdbc.sql("""
                        with stale as (
                            select chat_id, message_id from group_prompt
                            where kind in (:k) and shown < version and (edited_at is null or edited_at <= :cutoff)
                            order by edited_at nulls first
                            limit :limit
                            for update skip locked)
                        update group_prompt p set edited_at = :now
                        from stale where p.chat_id = stale.chat_id and p.message_id = stale.message_id
                        returning p.chat_id, p.message_id, p.kind, p.ref, p.open, p.page, p.version
                        """)
                .param("k", kinds).param("now", now.atOffset(ZoneOffset.UTC)).param("cutoff", now.minus(gap).atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, i) -> new Stale(new Prompt(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
                        rs.getInt(6)), rs.getLong(7)))
                .list();
    }

    /** True the first time this user is refused on this prompt: a refusal is said once, then silence. */
    public boolean firstRefusal(long chatId, int messageId, long userId) {
        return jdbc.sql("""
                        insert into group_prompt_refusal (chat_id, message_id, user_id) values (:c, :m, :u) on conflict do nothing
                        """)
                .param("c", chatId).param("m", messageId).param("u", userId).update() == 1;
    }

    /** An erasure: who was told that a prompt was not for them is not kept, nor the cards in their private chat. */
    public void forgetUser(long userId) {
        jdbc.sql("delete from group_prompt_refusal where user_id = :u").param("u", userId).update();
        jdbc.sql("delete from private_card where chat_id = :u").param("u", userId).update();
    }
}
