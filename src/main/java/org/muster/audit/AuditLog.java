package org.muster.audit;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes audit entries; callers pass ids and short codes, never personal data. */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** The actor of entries whose actor was erased, and of the erasure itself. */
    public static final long ERASED = 0;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param actor the user who acted (or tried to)
     * @param action a dotted code such as {@code command.refused} or {@code hours.corrected}
     * @param chatId where it happened, or null
     * @param detail small facts: ids, codes, counts
     */
    public void record(long actor, String action, Long chatId, Map<String, ?> detail) {
        jdbc.sql("""
                        insert into audit_log (actor_id, action, chat_id, detail)
                        values (:actor, :action, :chat, cast(:detail as jsonb))
                        """)
                .param("actor", actor)
                .param("action", action)
                .param("chat", chatId)
                .param("detail", json.writeValueAsString(detail))
                .update();
        log.info("audit {} by user {} in chat {} {}", action, actor, chatId, detail);
    }

    /**
     * An erasure: the entries stay (what was done, when, to which record), but none names the
     * Telegram account any more, as actor, as chat, or as the user an entry is about.
     */
    public void forgetActor(long userId) {
        jdbc.sql("update audit_log set actor_id = :erased where actor_id = :user").param("erased", ERASED).param("user", userId).update();
        jdbc.sql("update audit_log set chat_id = null where chat_id = :user").param("user", userId).update();
        jdbc.sql("update audit_log set detail = detail - 'user' where detail ->> 'user' = :user")
                .param("user", Long.toString(userId)).update();
    }
}
