package org.muster.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.muster.conversation.Languages;
import org.muster.conversation.OrganisationProperties;
import org.muster.recruitment.CallPublisher;
import org.muster.recruitment.Enrolments;
import org.muster.sandbox.ConditionalOnSandbox;
import org.muster.sandbox.SandboxPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the demo: people in the emulated Telegram, their records in PostgreSQL, three groups the
 * bot is in (two bound to the teams), a call published through the real outbox with three places
 * taken, a shift of today for checking in and one of yesterday for reporting hours. Every load
 * starts from an empty sandbox ({@link SandboxReset}), so pressing "demo" twice gives one fresh scene,
 * not two with the same names.
 */
@Component
@ConditionalOnSandbox
class DemoScene {

    private static final Logger log = LoggerFactory.getLogger(DemoScene.class);
    private static final char[] CODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    /** Who is who, for the page (Telegram user ids and chat ids); {@code reset}: what was cleared first, null when nothing was there. */
    record Loaded(long coordinator, Map<String, Long> people, Map<String, Long> groups, long call, long todayShift, long yesterdayShift,
                  SandboxReset.Done reset) {
    }

    private final SandboxPeople telegram;
    private final SandboxReset reset;
    private final DemoRepository records;
    private final CallPublisher calls;
    private final Enrolments enrolments;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();
    private final DemoScript scene = DemoScript.load();

    DemoScene(SandboxPeople telegram, SandboxReset reset, DemoRepository records, CallPublisher calls, Enrolments enrolments, Clock clock,
              OrganisationProperties organisation) {
        this.telegram = telegram;
        this.reset = reset;
        this.records = records;
        this.calls = calls;
        this.enrolments = enrolments;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    /**
     * Whether a scene is there already, in the records and in the emulated Telegram (whose world is
     * kept in a file in development, and new in tests): start-up loads one only once; the button loads it afresh.
     */
    boolean loadedBefore() {
        return records.loadedBefore(scene.teams().get(0).name()) && telegram.count() > 0;
    }

    /** Empties the sandbox; never while a scene is being loaded. */
    synchronized SandboxReset.Done reset() {
        return reset.reset();
    }

    synchronized Loaded load() {
        SandboxReset.Done cleared = reset.reset();
        String tag = code(3).toLowerCase();
        Map<String, Long> users = new LinkedHashMap<>();
        Map<String, Long> volunteers = new LinkedHashMap<>();

        List<DemoScript.Person> signedUp = new ArrayList<>();
        signedUp.add(scene.coordinator());
        scene.teams().forEach(team -> signedUp.addAll(team.members()));
        for (DemoScript.Person person : signedUp) {
            long user = telegram.person(person.name(), null, person.username() + "_" + tag, person.language());
            users.put(person.name(), user);
            volunteers.put(person.name(), records.volunteer("D" + tag.toUpperCase() + code(3), user, person.username() + "_" + tag,
                    person.name(), person.name(), "+86138" + String.format("%08d", random.nextInt(100_000_000)), person.area(),
                    person.skills()));
        }
        for (DemoScript.Person person : scene.newcomers()) {
            users.put(person.name(), telegram.person(person.name(), null, person.username() + "_" + tag, person.language()));
        }
        long coordinatorId = users.get(scene.coordinator().name());
        records.coordinator(coordinatorId);

        List<Long> teams = new ArrayList<>();
        for (DemoScript.Team team : scene.teams()) {
            long id = records.team(team.name(), team.area(), code(8), coordinatorId);
            for (int i = 0; i < team.members().size(); i++) {
                records.member(id, volunteers.get(team.members().get(i).name()), i == 0);
            }
            teams.add(id);
        }

        Map<String, Long> groups = new LinkedHashMap<>();
        for (DemoScript.Group group : scene.groups()) {
            List<Long> members = group.members().isEmpty() ? new ArrayList<>(users.values())
                    : group.members().stream().map(users::get).toList();
            groups.put(group.title(), telegram.group(group.title(), members));
        }
        waitUntilRecorded(groups.values());
        for (DemoScript.Group group : scene.groups()) {
            long chat = groups.get(group.title());
            if (group.team() >= 0) {
                records.bind(chat, teams.get(group.team()));
            }
            records.subscribe(chat, group.allCalls(), group.areas());
        }

        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant tomorrowEight = today.plusDays(1).atTime(8, 0).atZone(zone).toInstant();
        long call = calls.publish(scene.call().asCall(tomorrowEight, teams), coordinatorId, Languages.CHINESE);
        scene.call().people().forEach(name -> enrolments.enrol(users.get(name), call));

        long todayShift = calls.create(scene.today().asCall(now.minus(Duration.ofMinutes(30)), teams), coordinatorId);
        records.close(todayShift);
        scene.today().people().forEach(name -> records.placeOnPastShift(todayShift, volunteers.get(name), now.minus(Duration.ofDays(1))));

        long yesterdayShift = calls.create(scene.yesterday().asCall(today.minusDays(1).atTime(8, 0).atZone(zone).toInstant(), teams),
                coordinatorId);
        records.close(yesterdayShift);
        scene.yesterday().people().forEach(name ->
                records.placeOnPastShift(yesterdayShift, volunteers.get(name), now.minus(Duration.ofDays(2))));
        scene.approvedHours().forEach(hours -> records.approvedHours(volunteers.get(hours.name()), today.minusDays(hours.daysAgo()),
                hours.minutes(), hours.description(), coordinatorId, now.minus(Duration.ofDays(hours.daysAgo() - 1L))));
        log.info("demo scene loaded: {} people, {} groups, call {}", users.size(), groups.size(), call);
        return new Loaded(coordinatorId, users, groups, call, todayShift, yesterdayShift, cleared.anything() ? cleared : null);
    }

    /** Muster records a group when Telegram tells it the bot was added; the scene waits for that. */
    private void waitUntilRecorded(Iterable<Long> chats) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (long chat : chats) {
            while (!records.groupRecorded(chat)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Muster did not record the demo group " + chat + " within 30 s; is the bot running?");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading the demo", e);
                }
            }
        }
    }

    private String code(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(CODE[random.nextInt(CODE.length)]);
        }
        return out.toString();
    }
}
