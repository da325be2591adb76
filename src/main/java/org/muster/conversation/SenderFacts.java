package org.muster.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a turn needs to know about its sender, read in one statement: the roles every
 * {@link RoleSource} grants and the languages {@link LanguagePreferences} keeps. One read-only
 * statement in autocommit (no transaction, no lock, nothing written): a stateless update costs this
 * and nothing else in PostgreSQL, and its app language is written only when it differs from the
 * one read here.
 *
 * <p>The statement reads several features' tables, but each feature wrote its part of it (its
 * {@link RoleSource#heldWhen()} condition, the language columns' expressions); this class only puts
 * them side by side. What it reads is kept in Redis for the sender's next updates ({@link FactsCache}),
 * until a change made through Muster ends it: a role revoked or a language chosen between two updates
 * counts at the next one, on every instance.
 *
 * <p>A component, not a {@code @Repository}: every update calls it, and the repository's
 * exception-translating proxy added a layer to each call for nothing ({@link JdbcClient} already
 * throws Spring's {@code DataAccessException}s).
 */
@Component
class SenderFacts implements RolesNow {

    /** The sender's roles, and the language codes stored for them ({@code zh}, {@code en}). */
    record Facts(Set<Role> roles, Optional<String> chosenLanguage, Optional<String> appLanguage) {
    }

    private final JdbcClient jdbc;
    private final List<RoleSource> sources;
    private final String factsSql;
    private final String rolesSql;

    SenderFacts(JdbcClient jdbc, List<RoleSource> sources, LanguagePreferences languages) {
        this.jdbc = jdbc;
        this.sources = List.copyOf(sources);
        String roles = IntStream.range(0, this.sources.size())
                .mapToObj(i -> "(" + this.sources.get(i).heldWhen() + ") as role" + i)
                .collect(Collectors.joining(",\n       "));
        this.factsSql = "select " + (roles.isEmpty() ? "" : roles + ",\n       ")
                + "(" + languages.chosenLanguageSql() + ") as chosen_language,\n       "
                + "(" + languages.appLanguageSql() + ") as app_language";
        this.rolesSql = roles.isEmpty() ? null : "select " + roles;
    }

    /** Everything about the sender of an update, in one statement. */
    Facts about(Sender sender) {
        long userId = sender.id();
        return jdbc.sql(factsSql).param("user", userId)
                .query((row, n) -> new Facts(roles(userId, row), Optional.ofNullable(row.getString("chosen_language")),
                        Optional.ofNullable(row.getString("app_language"))))
                .single();
    }

    /** Only the roles (inside an effect's transaction, to be sure the caller still holds them). */
    @Override
    public Set<Role> of(long userId) {
        if (rolesSql == null) {
            return EnumSet.noneOf(Role.class);
        }
        return jdbc.sql(rolesSql).param("user", userId).query((row, n) -> roles(userId, row)).single();
    }

    private Set<Role> roles(long userId, ResultSet row) throws SQLException {
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (int i = 0; i < sources.size(); i++) {
            RoleSource source = sources.get(i);
            if (source.heldWithoutAsking(userId) || row.getBoolean("role" + i)) {
                held.add(source.role());
            }
        }
        return held;
    }
}
