package org.muster.volunteer;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.muster.conversation.SenderFactsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class VolunteerRepository {

    private static final String COLUMNS = """
            id, public_id, telegram_user_id, telegram_username, real_name, phone, area_code, skills, availability, display_name,
            reminder_offsets""";
    /** No 0/O or 1/I: people read these ids aloud and copy them by hand. */
    /** True when the user {@code :user} signed up (read with the other roles, {@link VolunteerRoles}). */
    static final String IS_VOLUNTEER = "exists (select 1 from volunteer where telegram_user_id = :user)";
    private static final char[] ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final ApplicationEventPublisher events;

    VolunteerRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    Optional<VolunteerRecord> byUser(long userId) {
        return jdbc.sql("select " + COLUMNS + " from volunteer where telegram_user_id = :user")
                .param("user", userId).query(VolunteerRepository::record).optional();
    }

    Optional<VolunteerRecord> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from volunteer where id = :id and forgotten_at is null")
                .param("id", id).query(VolunteerRepository::record).optional();
    }

    Optional<VolunteerRecord> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from volunteer where lower(telegram_username) = lower(:name) and forgotten_at is null")
                .param("name", username).query(VolunteerRepository::record).optional();
    }

    List<VolunteerRecord> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from volunteer where id = any(:ids) and forgotten_at is null")
                .param("ids", ids.toArray(Long[]::new)).query(VolunteerRepository::record).list();
    }

    List<Long> usersAmong(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select telegram_user_id from volunteer where telegram_user_id = any(:users)")
                .param("users", userIds.toArray(Long[]::new)).query(Long.class).list();
    }

    boolean isVolunteer(long userId) {
        return jdbc.sql("select " + IS_VOLUNTEER)
                .param("user", userId).query(Boolean.class).single();
    }

    /** Inserts or updates the user's record; true when it was new. */
    Saved save(SaveVolunteer details) {
        Optional<Long> existing = jdbc.sql("select id from volunteer where telegram_user_id = :user for update")
                .param("user", details.userId()).query(Long.class).optional();
        if (existing.isPresent()) {
            jdbc.sql("""
                            update volunteer set telegram_username = :username, display_name = :display, real_name = :name, phone = :phone,
                                area_code = :area, skills = :skills, availability = :availability, updated_at = now()
                            where id = :id
                            """)
                    .params(parameters(details)).param("id", existing.get())
                    .update();
            return new Saved(existing.get(), false);
        }
        long id = jdbc.sql("""
                        insert into volunteer (public_id, telegram_user_id, telegram_username, display_name, real_name, phone, area_code,
                            skills, availability, consent_at)
                        values (:publicId, :user, :username, :display, :name, :phone, :area, :skills, :availability, now())
                        returning id
                        """)
                .params(parameters(details)).param("publicId", newPublicId()).param("user", details.userId())
                .query(Long.class).single();
        // a volunteer now: one of the sender's roles
        events.publishEvent(new SenderFactsChanged(details.userId()));
        return new Saved(id, true);
    }

    Optional<Long> idOf(long userId) {
        return jdbc.sql("select id from volunteer where telegram_user_id = :user").param("user", userId).query(Long.class).optional();
    }

    /** Erases the personal data; the row stays, anonymous. Empty if there was nothing to erase. */
    Optional<Long> forget(long userId) {
        Optional<Long> forgotten = jdbc.sql("""
                        update volunteer set telegram_user_id = null, telegram_username = null, real_name = null, phone = null, display_name = null,
                            forgotten_at = now(), updated_at = now()
                        where telegram_user_id = :user
                        returning id
                        """)
                .param("user", userId).query(Long.class).optional();
        // no longer a volunteer: one of the sender's roles gone (after the commit, when in a transaction)
        events.publishEvent(SenderFactsChanged.forgotten(userId));
        return forgotten;
    }

    List<Volunteers.DirectRecipient> directRecipients() {
        return jdbc.sql("""
                        select telegram_user_id, area_code, skills from volunteer
                        where direct_calls and unreachable_at is null and telegram_user_id is not null
                        """)
                .query((rs, i) -> new Volunteers.DirectRecipient(rs.getLong(1), rs.getString(2), strings(rs.getArray(3))))
                .list();
    }

    void unreachable(long userId) {
        jdbc.sql("update volunteer set unreachable_at = now() where telegram_user_id = :user and unreachable_at is null")
                .param("user", userId).update();
    }

    void reachable(long userId) {
        jdbc.sql("update volunteer set unreachable_at = null where telegram_user_id = :user and unreachable_at is not null")
                .param("user", userId).update();
    }

    boolean directCalls(long userId) {
        return jdbc.sql("select coalesce((select direct_calls from volunteer where telegram_user_id = :user), false)")
                .param("user", userId).query(Boolean.class).single();
    }

    void directCalls(long userId, boolean wanted) {
        jdbc.sql("update volunteer set direct_calls = :wanted, updated_at = now() where telegram_user_id = :user")
                .param("user", userId).param("wanted", wanted).update();
    }

    record Saved(long id, boolean created) {
    }

    private static java.util.Map<String, Object> parameters(SaveVolunteer details) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("username", details.username());
        values.put("display", details.displayName());
        values.put("name", details.realName());
        values.put("phone", details.phone());
        values.put("area", details.areaCode());
        values.put("skills", details.skills().toArray(String[]::new));
        values.put("availability", details.availability().toArray(String[]::new));
        return values;
    }

    private String newPublicId() {
        while (true) {
            StringBuilder id = new StringBuilder("V");
            for (int i = 0; i < 6; i++) {
                id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
            }
            String candidate = id.toString();
            boolean taken = jdbc.sql("select exists (select 1 from volunteer where public_id = :id)")
                    .param("id", candidate).query(Boolean.class).single();
            if (!taken) {
                return candidate;
            }
        }
    }

    private static VolunteerRecord record(ResultSet rs, int row) throws SQLException {
        return new VolunteerRecord(rs.getLong("id"), rs.getString("public_id"), rs.getLong("telegram_user_id"),
                rs.getString("telegram_username"), rs.getString("real_name"), rs.getString("phone"), rs.getString("area_code"),
                strings(rs.getArray("skills")), strings(rs.getArray("availability")), rs.getString("display_name"),
                integers(rs.getArray("reminder_offsets")));
    }

    private static List<Integer> integers(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
    }

    /** Keeps the name Telegram shows current; writes only when it changed. */
    void displayName(long userId, String name) {
        jdbc.sql("""
                        update volunteer set display_name = :name
                        where telegram_user_id = :user and display_name is distinct from :name
                        """)
                .param("user", userId).param("name", name).update();
    }

    void reminderOffsets(long userId, List<Integer> offsets) {
        jdbc.sql("update volunteer set reminder_offsets = :offsets, updated_at = now() where telegram_user_id = :user")
                .param("user", userId).param("offsets", offsets == null ? null : offsets.toArray(Integer[]::new)).update();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
