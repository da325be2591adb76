package org.muster.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.muster.MusterApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application in sandbox mode on a random port: its own Telegram client talks over HTTP
 * to the emulator, and tests act as users through the control API. One shared context for every
 * test class that uses this annotation alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = MusterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"muster.coordinators=" + EndToEndConfiguration.COORDINATOR,
                "muster.recruitment.offer-time=3s", "muster.recruitment.offer-poll=500ms",
                "muster.recruitment.counter-edit-gap=1s", "muster.broadcast.progress-interval=500ms",
                "muster.api.token=" + EndToEndConfiguration.API_TOKEN})
@ActiveProfiles("test")
@Import(EndToEndConfiguration.class)
public @interface EndToEndTest {
}
