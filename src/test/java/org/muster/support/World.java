package org.muster.support;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Volunteers, teams and calls put straight into the database, for tests whose subject comes after them. */
public final class World {

    private final JdbcClient jdbc;
    private final SandboxClient sandbox;

    public World(JdbcClient jdbc, SandboxClient sandbox) {
        this.jdbc = jdbc;
        this.sandbox = sandbox;
    }

    /** A signed-up volunteer with a private chat; returns the Telegram user id. */
    public long volunteer(String displayName, String username) {
        java.util.Map<String, Object> user = new java.util.HashMap<>();
        user.put("first_name", displayName);
        user.put("language_code", "zh");
        if (username != null) {
            user.put("username", username);
        }
        long id = sandbox.post("/sandbox/api/users", user).path("id").asLong();
        sandbox.privateChat(id);
        jdbc.sql("""
                insert into volunteer (public_id, telegram_user_id, telegram_username, display_name, real_name, phone, area_code, consent_at)
                values (:p, :u, :username, :display, :real, '+8613800000000', 'jiangning.dongshan.baijiahu', now())
                """).param("p", "W" + id).param("u", id).param("username", username).param("display", displayName)
                .param("real", "真名" + displayName).update();
        return id;
    }

    public long volunteerId(long userId) {
        return jdbc.sql("select id from volunteer where telegram_user_id = :u").param("u", userId).query(Long.class).single();
    }

    /** A team led by {@code leader}, with its group (containing {@code members}) bound to it. Returns {team id, group id}. */
    public long[] teamWithGroup(String name, long leader, List<Long> members) {
        return teamWithGroup(name, leader, members, false);
    }

    /** @param botAdmin whether the bot is the group's administrator (then it reads every message, not only commands and replies to it) */
    public long[] teamWithGroup(String name, long leader, List<Long> members, boolean botAdmin) {
        String code = code();
        long team = jdbc.sql("insert into team (name, area_code, join_code, created_by) values (:n, 'jiangning', :c, 1) returning id")
                .param("n", name).param("c", code).query(Long.class).single();
        jdbc.sql("insert into team_member (team_id, volunteer_id, role) values (:t, :v, 'leader')")
                .param("t", team).param("v", volunteerId(leader)).update();
        for (long member : members) {
            jdbc.sql("insert into team_member (team_id, volunteer_id) values (:t, :v)").param("t", team).param("v", volunteerId(member)).update();
        }
        java.util.List<Long> everyone = new java.util.ArrayList<>(members);
        everyone.add(0, leader);
        long group = botAdmin ? sandbox.groupWithAdminBot(name + "群", everyone.toArray(Long[]::new))
                : sandbox.group(name + "群", everyone.toArray(Long[]::new));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("select count(*) from group_chat where chat_id = :c").param("c", group).query(Integer.class).single() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " was never recorded");
            }
            Thread.onSpinWait();
        }
        jdbc.sql("update group_chat set team_id = :t where chat_id = :c").param("t", team).param("c", group).update();
        return new long[] {team, group};
    }

    /** A call (open) run by the team, at the Baijiahu site (31.92, 118.84). */
    public long call(String title, Long team, Instant start, Instant end, int slots) {
        return jdbc.sql("""
                insert into activity (title, description, site_name, site_latitude, site_longitude, area_code, starts_at, ends_at, slots,
                    created_by, team_id)
                values (:title, '现场服务', '百家湖核酸检测点', 31.9200, 118.8400, 'jiangning.dongshan.baijiahu', :s, :e, :slots, 1, :team)
                returning id
                """).param("title", title).param("s", java.sql.Timestamp.from(start)).param("e", java.sql.Timestamp.from(end))
                .param("slots", slots).param("team", team).query(Long.class).single();
    }

    /** When the call starts. */
    public Instant callStart(long call) {
        return jdbc.sql("select starts_at from activity where id = :a").param("a", call).query(java.sql.Timestamp.class).single().toInstant();
    }

    private static String code() {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return code.toString();
    }

    /** The volunteer holds a confirmed place on the call (however long ago it was). */
    public void enrol(long call, long userId) {
        jdbc.sql("""
                insert into enrollment (activity_id, volunteer_id, status, position, enrolled_at, updated_at)
                values (:a, :v, 'confirmed', nextval('enrollment_position'), now(), now())
                """).param("a", call).param("v", volunteerId(userId)).update();
    }

    /** An hours record straight into the database; returns its id. */
    public long hours(long userId, Long call, String description, java.time.LocalDate date, int minutes, String source, String status) {
        return jdbc.sql("""
                insert into hours_report (volunteer_id, activity_id, source, activity_date, minutes, reported_minutes, description, status)
                values (:v, :a, :source, :d, :m, :m, :description, :status) returning id
                """).param("v", volunteerId(userId)).param("a", call).param("source", source).param("d", date).param("m", minutes)
                .param("description", description).param("status", status).query(Long.class).single();
    }
}
