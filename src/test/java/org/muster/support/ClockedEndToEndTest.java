package org.muster.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application in sandbox mode with a clock the test moves ({@link MutableClock}): for
 * reminders, check-in and everything else that depends on the time of day. The scheduled jobs run
 * every 200 ms so that moving the clock shows its effect quickly.
 *
 * <p>The clock starts at {@link #START}: 2026-12-01 08:00 in Shanghai, or what
 * {@code MUSTER_TEST_CLOCK_START} says (an ISO instant). CI runs these tests ({@code @Tag("clocked")})
 * a second time from another year, month and hour, so that no test leans on one calendar day.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EndToEndTest
@Tag("clocked")
@Import(ClockedEndToEndTest.Clocked.class)
@TestPropertySource(properties = {"muster.checkin.sweep-interval=200ms", "muster.reminders.planning.interval=200ms",
        "muster.hours.ask-check=200ms", "muster.recruitment.repush-check=200ms"})
public @interface ClockedEndToEndTest {

    /** Where the tests' clock starts; 2026-12-01 00:00 UTC = 08:00 in Shanghai unless the environment moves it. */
    Instant START = Start.instant();

    /** The organisation's zone in the tests (application.yml's default). */
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The organisation's calendar day at {@link #START}. */
    LocalDate TODAY = START.atZone(ZONE).toLocalDate();

    @TestConfiguration(proxyBeanMethods = false)
    class Clocked {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    final class Start {
        private Start() {
        }

        private static Instant instant() {
            String given = System.getenv("MUSTER_TEST_CLOCK_START");
            return given == null || given.isBlank() ? Instant.parse("2026-12-01T00:00:00Z") : Instant.parse(given.strip());
        }
    }
}
