package org.muster.language;

import java.util.Optional;

import org.muster.conversation.SenderFactsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LanguageRepository {

    /** The language the user {@code :user} chose, or null (read with their roles, {@link StoredLanguagePreferences}). */
    static final String CHOSEN = "select language from user_setting where user_id = :user";
    /** The language the app of user {@code :user} last reported, or null. */
    static final String APP_LANGUAGE = "select app_language from user_setting where user_id = :user";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    LanguageRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    Optional<String> find(long userId) {
        return jdbc.sql(CHOSEN + " and language is not null")
                .param("user", userId)
                .query(String.class)
                .optional();
    }

    Optional<String> appLanguage(long userId) {
        return jdbc.sql(APP_LANGUAGE + " and app_language is not null")
                .param("user", userId)
                .query(String.class)
                .optional();
    }

    /**
     * Called only when the app language read for the turn differs from the one reported; the
     * condition still keeps two instances that saw the same change from writing it twice.
     */
    void observe(long userId, String appLanguage) {
        jdbc.sql("""
                        insert into user_setting (user_id, app_language) values (:user, :language)
                        on conflict (user_id) do update set app_language = excluded.app_language, updated_at = now()
                        where user_setting.app_language is distinct from excluded.app_language
                        """)
                .param("user", userId)
                .param("language", appLanguage)
                .update();
        events.publishEvent(new SenderFactsChanged(userId));
    }

    void save(long userId, String language) {
        jdbc.sql("""
                        insert into user_setting (user_id, language) values (:user, :language)
                        on conflict (user_id) do update set language = excluded.language, updated_at = now()
                        """)
                .param("user", userId)
                .param("language", language)
                .update();
        events.publishEvent(new SenderFactsChanged(userId));
    }

    void forget(long userId) {
        jdbc.sql("delete from user_setting where user_id = :user").param("user", userId).update();
        events.publishEvent(SenderFactsChanged.forgotten(userId));
    }
}
