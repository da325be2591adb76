package org.muster.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application in sandbox mode with a clock the test moves ({@link MutableClock}): for
 * reminders, check-in and everything else that depends on the time of day. The scheduled jobs run
 * every 200 ms so that moving the clock shows its effect quickly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EndToEndTest
@Import(ClockedEndToEndTest.Clocked.class)
@TestPropertySource(properties = {"muster.checkin.sweep-interval=200ms", "muster.reminders.planning.interval=200ms",
        "muster.hours.ask-check=200ms", "muster.recruitment.repush-check=200ms"})
public @interface ClockedEndToEndTest {

    /** 2026-12-01 00:00 UTC = 08:00 in Shanghai. */
    Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    class Clocked {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

}
