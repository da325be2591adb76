package org.muster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every migration on a database the size of a city's mobilisation: the volunteer table is filled
 * with 100,000 rows as soon as it exists (after V2), the outbox with 1,000,000 deliveries as soon as
 * it exists (after V3), and each later migration is timed on that data. A migration that rewrites or
 * locks a big table for long shows here; each must finish in under 10 s. The timings are printed.
 */
class MigrationsOnLargeDataTest {

    private static final int VOLUNTEERS = 100_000;
    private static final int DELIVERIES = 1_000_000;
    private static final int BROADCASTS = 200;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void eachMigrationRunsInUnderTenSecondsOnLargeTables() {
        DriverManagerDataSource db = TestServers.emptyDatabase("migrations_large");
        JdbcClient jdbc = JdbcClient.create(db);
        List<MigrationVersion> versions = new ArrayList<>();
        for (MigrationInfo info : flyway(db, MigrationVersion.LATEST).info().pending()) {
            versions.add(info.getVersion());
        }
        assertThat(versions).as("migrations found").hasSizeGreaterThan(3);

        Map<String, Long> timings = new LinkedHashMap<>();
        boolean volunteersFilled = false;
        boolean deliveriesFilled = false;
        for (MigrationVersion version : versions) {
            boolean timed = volunteersFilled;
            long started = System.nanoTime();
            flyway(db, version).migrate();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (timed) {
                timings.put("V" + version + (deliveriesFilled ? "" : " (volunteers only)"), millis);
            }
            if (!volunteersFilled && tableExists(jdbc, "volunteer")) {
                timings.put("fill " + VOLUNTEERS + " volunteers", fillVolunteers(jdbc));
                volunteersFilled = true;
            }
            if (!deliveriesFilled && tableExists(jdbc, "broadcast_delivery")) {
                timings.put("fill " + DELIVERIES + " deliveries", fillDeliveries(jdbc));
                deliveriesFilled = true;
            }
        }

        System.out.println("Migrations on " + VOLUNTEERS + " volunteers and " + DELIVERIES + " deliveries (ms):");
        timings.forEach((what, millis) -> System.out.printf("  %-40s %7d%n", what, millis));
        assertThat(volunteersFilled && deliveriesFilled).as("both big tables were filled before the later migrations").isTrue();
        assertThat(jdbc.sql("select count(*) from volunteer").query(Long.class).single()).isEqualTo(VOLUNTEERS);
        assertThat(jdbc.sql("select count(*) from broadcast_delivery").query(Long.class).single()).isEqualTo(DELIVERIES);
        timings.forEach((what, millis) -> {
            if (what.startsWith("V")) {
                assertThat(Duration.ofMillis(millis)).as(what + " on the big tables").isLessThan(LIMIT);
            }
        });
    }

    private static Flyway flyway(DriverManagerDataSource db, MigrationVersion target) {
        return Flyway.configure().dataSource(db).locations("classpath:db/migration").target(target).load();
    }

    private static boolean tableExists(JdbcClient jdbc, String table) {
        return jdbc.sql("select to_regclass(:t) is not null").param("t", "public." + table).query(Boolean.class).single();
    }

    /** Volunteers as sign-up leaves them: personal data, skills, availability, consent. */
    private static long fillVolunteers(JdbcClient jdbc) {
        long started = System.nanoTime();
        jdbc.sql("""
                insert into volunteer (public_id, telegram_user_id, telegram_username, real_name, phone, skills, availability, consent_at)
                select 'V' || lpad(g::text, 7, '0'), 7000000000 + g, case when g % 3 = 0 then 'user' || g end,
                       '志愿者' || g, '+86138' || lpad(g::text, 8, '0'),
                       case when g % 5 = 0 then '{medical}'::text[] else '{}'::text[] end, '{weekends}', now()
                from generate_series(1, :n) g
                """).param("n", VOLUNTEERS).update();
        jdbc.sql("analyze volunteer").update();
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** Broadcasts of a past mobilisation: almost every delivery sent, a few failed, the last ones pending. */
    private static long fillDeliveries(JdbcClient jdbc) {
        long started = System.nanoTime();
        jdbc.sql("""
                insert into broadcast (kind, text, created_by)
                select 'notice', 'notice ' || g, 1 from generate_series(1, :n) g
                """).param("n", BROADCASTS).update();
        jdbc.sql("""
                insert into broadcast_delivery (broadcast_id, chat_id, to_volunteer, status, attempts, next_attempt_at, sent_at, message_id)
                select b, -1000000000000 - (g / :broadcasts), g % 4 = 0,
                       case when g > :n - 2000 then 'pending' when g % 97 = 0 then 'failed' else 'sent' end,
                       1, now(), case when g <= :n - 2000 then now() end, (g % 100000)::int
                from (select g, 1 + g % :broadcasts as b from generate_series(1, :n) g) s
                """).param("n", DELIVERIES).param("broadcasts", BROADCASTS).update();
        jdbc.sql("analyze broadcast_delivery").update();
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
