package org.muster.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.muster.sandbox.ConditionalOnSandbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.muster.conversation.SenderFactsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's records, written as an operator's import would write them: people who signed up,
 * teams with their members, groups bound and subscribed, a coordinator, places on past shifts; and
 * the emptying of every record for a reset. Sandbox mode only: a real bot's application has no such bean.
 */
@Repository
@ConditionalOnSandbox
class DemoRepository {

    /** Reference data the application writes at start-up from its configuration (the catalog); a reset keeps it. */
    private static final Set<String> KEPT = Set.of("area", "skill");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String flywayTable;

    private final ApplicationEventPublisher events;

    DemoRepository(JdbcClient jdbc, PlatformTransactionManager transactions,
                   @Value("${spring.flyway.table:flyway_schema_history}") String flywayTable, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.flywayTable = flywayTable;
    }

    long volunteer(String publicId, long userId, String username, String displayName, String realName, String phone, String area,
                   List<String> skills) {
        long id = jdbc.sql("""
                        insert into volunteer (public_id, telegram_user_id, telegram_username, display_name, real_name, phone, area_code,
                                               skills, availability, consent_at)
                        values (:p, :u, :username, :display, :real, :phone, :area, :skills, '{weekends,evenings}', now())
                        returning id
                        """)
                .param("p", publicId).param("u", userId).param("username", username).param("display", displayName)
                .param("real", realName).param("phone", phone).param("area", area).param("skills", skills.toArray(String[]::new))
                .query(Long.class).single();
        events.publishEvent(new SenderFactsChanged(userId));
        return id;
    }

    void coordinator(long userId) {
        jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:u, 'coordinator', 0) on conflict do nothing")
                .param("u", userId).update();
        events.publishEvent(new SenderFactsChanged(userId));
    }

    long team(String name, String area, String joinCode, long createdBy) {
        return jdbc.sql("insert into team (name, area_code, join_code, created_by) values (:n, :a, :c, :by) returning id")
                .param("n", name).param("a", area).param("c", joinCode).param("by", createdBy).query(Long.class).single();
    }

    void member(long teamId, long volunteerId, boolean leader) {
        jdbc.sql("insert into team_member (team_id, volunteer_id, role) values (:t, :v, :r) on conflict do nothing")
                .param("t", teamId).param("v", volunteerId).param("r", leader ? "leader" : "member").update();
        events.publishEvent(SenderFactsChanged.everyone());
    }

    boolean groupRecorded(long chatId) {
        return jdbc.sql("select exists (select 1 from group_chat where chat_id = :c)").param("c", chatId).query(Boolean.class).single();
    }

    void bind(long chatId, Long teamId) {
        jdbc.sql("update group_chat set team_id = :t, updated_at = now() where chat_id = :c").param("t", teamId).param("c", chatId).update();
    }

    void subscribe(long chatId, boolean all, List<String> areas) {
        jdbc.sql("""
                        insert into subscription (chat_id, all_calls, area_codes, updated_by) values (:c, :all, :areas, 0)
                        on conflict (chat_id) do update set all_calls = excluded.all_calls, area_codes = excluded.area_codes, updated_at = now()
                        """)
                .param("c", chatId).param("all", all).param("areas", areas.toArray(String[]::new)).update();
    }

    /** A place on a shift that has already started (enrolling through the app refuses that, rightly). */
    void placeOnPastShift(long activityId, long volunteerId, Instant at) {
        jdbc.sql("""
                        insert into enrollment (activity_id, volunteer_id, status, position, enrolled_at, updated_at)
                        values (:a, :v, 'confirmed', nextval('enrollment_position'), :at, :at) on conflict do nothing
                        """)
                .param("a", activityId).param("v", volunteerId).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    /** Hours of an activity without a shift in Muster, reviewed and approved by {@code reviewer}. */
    void approvedHours(long volunteerId, java.time.LocalDate day, int minutes, String description, long reviewer, Instant at) {
        jdbc.sql("""
                        insert into hours_report (volunteer_id, source, activity_date, minutes, reported_minutes, description, status,
                                                  reviewed_by, reviewed_at, created_at, updated_at)
                        values (:v, 'self', :d, :m, :m, :description, 'approved', :by, :at, :at, :at)
                        """)
                .param("v", volunteerId).param("d", day).param("m", minutes).param("description", description).param("by", reviewer)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    void close(long activityId) {
        jdbc.sql("update activity set status = 'closed' where id = :a").param("a", activityId).update();
    }

    /**
     * Removes every row of every table but Flyway's history and the catalog (areas and skills, which
     * the application writes from its configuration at start-up): one TRUNCATE, so the foreign keys
     * between the tables hold at every moment. Tables stay, and so do sequences. A job that holds a
     * table makes it wait, at most {@link #LOCK_WAIT}; a deadlock with one is tried again.
     *
     * @return how many tables were emptied
     */
    int clearAll() {
        List<String> tables = jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'
                        order by table_name
                        """)
                .query(String.class).list().stream().filter(table -> !KEPT.contains(table) && !table.equals(flywayTable)).toList();
        if (tables.isEmpty()) {
            return 0;
        }
        String truncate = "truncate table " + tables.stream().map(DemoRepository::quoted).collect(Collectors.joining(", "));
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    jdbc.sql("set local lock_timeout = '" + LOCK_WAIT.toSeconds() + "s'").update();
                    jdbc.sql(truncate).update();
                });
                // every user's roles and languages are gone
                events.publishEvent(SenderFactsChanged.everyone());
                return tables.size();
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Whether a demo scene was loaded before (its data outlives restarts, like everything else). */
    boolean loadedBefore(String teamName) {
        return jdbc.sql("select exists (select 1 from team where name = :n)").param("n", teamName).query(Boolean.class).single();
    }
}
