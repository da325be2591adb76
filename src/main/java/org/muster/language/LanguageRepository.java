package org.muster.language;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LanguageRepository {

    private final JdbcClient jdbc;

    LanguageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(long userId) {
        return jdbc.sql("select language from user_setting where user_id = :user and language is not null")
                .param("user", userId)
                .query(String.class)
                .optional();
    }

    Optional<String> appLanguage(long userId) {
        return jdbc.sql("select app_language from user_setting where user_id = :user and app_language is not null")
                .param("user", userId)
                .query(String.class)
                .optional();
    }

    /** Writes only when the app language changed, so most updates cost a read. */
    void observe(long userId, String appLanguage) {
        jdbc.sql("""
                        insert into user_setting (user_id, app_language) values (:user, :language)
                        on conflict (user_id) do update set app_language = excluded.app_language, updated_at = now()
                        where user_setting.app_language is distinct from excluded.app_language
                        """)
                .param("user", userId)
                .param("language", appLanguage)
                .update();
    }

    void save(long userId, String language) {
        jdbc.sql("""
                        insert into user_setting (user_id, language) values (:user, :language)
                        on conflict (user_id) do update set language = excluded.language, updated_at = now()
                        """)
                .param("user", userId)
                .param("language", language)
                .update();
    }

    void forget(long userId) {
        jdbc.sql("delete from user_setting where user_id = :user").param("user", userId).update();
    }
}
