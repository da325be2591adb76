package org.muster.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The demo's records, written as an operator's import would write them: people who signed up,
 * teams with their members, groups bound and subscribed, a coordinator, places on past shifts.
 */
@Repository
class DemoRepository {

    private final JdbcClient jdbc;

    DemoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long volunteer(String publicId, long userId, String username, String displayName, String realName, String phone, String area,
                   List<String> skills) {
        return jdbc.sql("""
                        insert into volunteer (public_id, telegram_user_id, telegram_username, display_name, real_name, phone, area_code,
                                               skills, availability, consent_at)
                        values (:p, :u, :username, :display, :real, :phone, :area, :skills, '{weekends,evenings}', now())
                        returning id
                        """)
                .param("p", publicId).param("u", userId).param("username", username).param("display", displayName)
                .param("real", realName).param("phone", phone).param("area", area).param("skills", skills.toArray(String[]::new))
                .query(Long.class).single();
    }

    void coordinator(long userId) {
        jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:u, 'coordinator', 0) on conflict do nothing")
                .param("u", userId).update();
    }

    long team(String name, String area, String joinCode, long createdBy) {
        return jdbc.sql("insert into team (name, area_code, join_code, created_by) values (:n, :a, :c, :by) returning id")
                .param("n", name).param("a", area).param("c", joinCode).param("by", createdBy).query(Long.class).single();
    }

    void member(long teamId, long volunteerId, boolean leader) {
        jdbc.sql("insert into team_member (team_id, volunteer_id, role) values (:t, :v, :r) on conflict do nothing")
                .param("t", teamId).param("v", volunteerId).param("r", leader ? "leader" : "member").update();
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

    void close(long activityId) {
        jdbc.sql("update activity set status = 'closed' where id = :a").param("a", activityId).update();
    }

    /** Whether a demo scene was loaded before (its data outlives restarts, like everything else). */
    boolean loadedBefore(String teamName) {
        return jdbc.sql("select exists (select 1 from team where name = :n)").param("n", teamName).query(Boolean.class).single();
    }
}
