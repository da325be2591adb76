package org.muster.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.muster.recruitment.NewCall;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Who and what the demo scene holds, from {@code demo/scene.yml} (its times are set when it is loaded). */
record DemoScript(Person coordinator, List<Team> teams, List<Person> newcomers, List<Group> groups, Shift call, Shift today,
                  Shift yesterday, @DefaultValue List<ApprovedHours> approvedHours) {

    /** Hours of an activity {@code daysAgo} days back, approved by the coordinator. */
    record ApprovedHours(String name, int daysAgo, int minutes, String description) {
    }

    record Person(String name, String username, String language, String area, @DefaultValue List<String> skills) {
    }

    /** The first member leads. */
    record Team(String name, String area, List<Person> members) {
    }

    /** {@code team}: the index of the team it is bound to, or -1; no members means everyone. */
    record Group(String title, @DefaultValue("-1") int team, @DefaultValue List<String> members, @DefaultValue("false") boolean allCalls,
                 @DefaultValue List<String> areas) {
    }

    /** A four-hour shift of the team at {@code team} (an index); {@code people} hold places on it. */
    record Shift(String title, String description, String site, double latitude, double longitude, String area, int team, int slots,
                 @DefaultValue List<String> people) {

        NewCall asCall(Instant start, List<Long> teamIds) {
            return new NewCall(title, description, site, latitude, longitude, area, start, start.plus(Duration.ofHours(4)), slots, List.of(),
                    teamIds.get(team));
        }
    }

    static DemoScript load() {
        try {
            var sources = new YamlPropertySourceLoader().load("demo scene", new ClassPathResource("demo/scene.yml"));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("scene", DemoScript.class)
                    .orElseThrow(() -> new IllegalStateException("demo/scene.yml has no scene"));
        } catch (IOException e) {
            throw new UncheckedIOException("demo/scene.yml could not be read", e);
        }
    }
}
