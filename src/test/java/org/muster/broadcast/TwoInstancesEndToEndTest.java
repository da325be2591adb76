package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.muster.conversation.ChatSender;
import org.muster.recruitment.Enrolments;
import org.muster.support.ClockedEndToEndTest;
import org.muster.support.MutableClock;
import org.muster.support.SandboxClient;
import org.muster.support.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders are rows in PostgreSQL: an instance stopped between scheduling and firing loses none,
 * and with two instances sending side by side each reminder still arrives exactly once.
 */
@ClockedEndToEndTest
class TwoInstancesEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Enrolments enrolments;

    @Autowired
    OutboxWorker applicationWorker;

    @Autowired
    BroadcastRepository repository;

    @Autowired
    List<BroadcastContent> contents;

    @Autowired
    ChatSender sender;

    @Autowired
    BroadcastProperties properties;

    @Autowired
    MeterRegistry meters;

    @Test
    void stoppedBetweenSchedulingAndFiringThenTwoInstancesEveryReminderArrivesOnce() {
        clock.set(ClockedEndToEndTest.START);
        SandboxClient sandbox = new SandboxClient(port);
        World world = new World(jdbc, sandbox);
        Instant start = ClockedEndToEndTest.START.plus(Duration.ofDays(3)).plus(Duration.ofHours(5));
        long call = world.call("双实例测试", null, start, start.plus(Duration.ofHours(2)), 40);
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long person = world.volunteer("V" + i, null);
            people.add(person);
            enrolments.enrol(person, call);
        }

        // the instance goes down after scheduling
        applicationWorker.stop();
        clock.set(start.minus(Duration.ofHours(2)).plusSeconds(1));
        // it comes back, and a second instance starts beside it
        OutboxWorker second = new OutboxWorker(repository, contents, sender, clock, properties, meters);
        applicationWorker.start();
        second.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (people.stream().anyMatch(p -> reminders(sandbox, p) == 0) && System.nanoTime() < deadline) {
                ManyGroups.sleep(100);
            }
            ManyGroups.sleep(500);
        } finally {
            second.stop();
        }

        assertThat(people).allSatisfy(p -> assertThat(reminders(sandbox, p)).as("reminders to " + p).isEqualTo(1));
    }

    private static long reminders(SandboxClient sandbox, long user) {
        return sandbox.messages(user, 0).stream().filter(m -> m.path("text").asString().contains("双实例测试")).count();
    }
}
