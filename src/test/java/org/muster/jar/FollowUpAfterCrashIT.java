package org.muster.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.muster.embedded.TestServers;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * kill -9 between an enrolment's commit and its follow-up: the enrolment is committed and the
 * volunteer told, but the reminders it must schedule could not be written (a trigger in PostgreSQL
 * refuses them, as a dying process would never write them), and the process is killed. After the
 * restart the kept follow-up runs once it is older than {@code muster.follow-ups.retry-after} (not at
 * the start), and the reminders exist.
 */
class FollowUpAfterCrashIT {

    private static final long COORDINATOR = 9_400_000_001L;

    @Test
    void theRemindersOfAnEnrolmentExistAfterTheProcessDiedBeforeWritingThem() {
        JdbcClient jdbc = JdbcClient.create(TestServers.dataSource());
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_URL", TestServers.jdbcUrl(),
                "MUSTER_REDIS_URL", TestServers.redisUrl(),
                "MUSTER_SANDBOX_ENABLED", "true",
                "MUSTER_COORDINATORS", Long.toString(COORDINATOR),
                "MUSTER_SANDBOX_STATE_FILE", "");
        long call;
        long user;
        try (JarProcess first = JarProcess.start(environment)) {
            first.awaitReady(Duration.ofSeconds(120));
            SandboxClient sandbox = new SandboxClient(first.port());
            user = sandbox.createUser("Crash", "zh");
            long chat = sandbox.privateChat(user);
            jdbc.sql("""
                    insert into volunteer (public_id, telegram_user_id, real_name, phone, area_code, consent_at)
                    values (:p, :u, '崩溃测试', '+8613800000000', 'jiangning.dongshan.baijiahu', now())
                    """).param("p", "C" + user).param("u", user).update();
            call = jdbc.sql("""
                    insert into activity (title, description, site_name, area_code, starts_at, ends_at, slots, created_by)
                    values ('崩溃后的提醒', '现场服务', '百家湖', 'jiangning', now() + interval '3 days', now() + interval '3 days 4 hours', 5, 1)
                    returning id
                    """).query(Long.class).single();
            // the reminders cannot be written now: as if the process died right after the enrolment's commit
            jdbc.sql("""
                    create or replace function muster_test_refuse() returns trigger language plpgsql as
                    $$ begin raise exception 'the process is dying'; end $$
                    """).update();
            jdbc.sql("create trigger muster_test_refuse before insert on broadcast_delivery for each row "
                    + "when (new.to_volunteer) execute function muster_test_refuse()").update();
            try {
                new Volunteering(sandbox).next(chat, sandbox.say(chat, user, "/start call_" + call), "报名成功");
                assertThat(jdbc.sql("select status from enrollment e join volunteer v on v.id = e.volunteer_id "
                        + "where e.activity_id = :a and v.telegram_user_id = :u").param("a", call).param("u", user)
                        .query(String.class).single()).isEqualTo("confirmed");
                assertThat(reminders(jdbc, user, call)).isZero();
                assertThat(waiting(jdbc, call)).as("the follow-up is kept").isPositive();
                first.kill();
            } finally {
                jdbc.sql("drop trigger if exists muster_test_refuse on broadcast_delivery").update();
            }
        }

        // the periodic round, not the start, runs it: at a start, a follow-up not done yet may be one
        // another instance is running at this moment, and would run twice
        Duration retryAfter = Duration.ofSeconds(40);
        Instant published = jdbc.sql("select publication_date from event_publication where completion_date is null "
                        + "and serialized_event like :call order by publication_date limit 1")
                .param("call", "%\"activityId\":" + call + "%").query(Timestamp.class).single().toInstant();
        try (JarProcess restarted = JarProcess.start(environment, "--muster.follow-ups.retry-after=" + retryAfter.toSeconds() + "s",
                "--muster.follow-ups.check=1s")) {
            restarted.awaitReady(Duration.ofSeconds(120));
            if (Duration.between(published, Instant.now()).compareTo(retryAfter) < 0) {
                // Spring Modulith republishes at the start, before the application is ready: had it, it would be done now
                assertThat(waiting(jdbc, call)).as("the follow-up was run at the start, younger than retry-after").isPositive();
                assertThat(reminders(jdbc, user, call)).isZero();
            }
            long deadline = System.nanoTime() + retryAfter.plusSeconds(90).toNanos();
            // done once its publication is marked complete, which comes a moment after the reminders are written
            while (waiting(jdbc, call) > 0) {
                assertThat(System.nanoTime()).as("the follow-up not done after the restart:\n" + restarted.log()).isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(reminders(jdbc, user, call)).isEqualTo(2);
        }
    }

    private static int reminders(JdbcClient jdbc, long user, long call) {
        return jdbc.sql("""
                select count(*) from broadcast_delivery d join broadcast b on b.id = d.broadcast_id
                where b.activity_id = :a and b.kind = 'reminder' and d.chat_id = :u and d.status = 'pending'
                """).param("a", call).param("u", user).query(Integer.class).single();
    }

    private static int waiting(JdbcClient jdbc, long call) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like :call")
                .param("call", "%\"activityId\":" + call + "%").query(Integer.class).single();
    }
}
