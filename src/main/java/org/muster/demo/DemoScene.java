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
import org.muster.recruitment.NewCall;
import org.muster.sandbox.ConditionalOnSandbox;
import org.muster.sandbox.SandboxPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the demo: people in the emulated Telegram, their records in PostgreSQL, three groups the
 * bot is in (two bound to the teams), a call published through the real outbox with three places
 * taken, a shift of today for checking in and one of yesterday for reporting hours. Every load
 * makes a new set of people, so pressing "demo" twice never mixes two scenes.
 */
@Component
@ConditionalOnSandbox
class DemoScene {

    private static final Logger log = LoggerFactory.getLogger(DemoScene.class);
    private static final String BAIJIAHU = "jiangning.dongshan.baijiahu";
    private static final String DONGSHAN = "jiangning.dongshan";
    private static final char[] CODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    /** Who is who, for the page (Telegram user ids and chat ids). */
    record Loaded(long coordinator, Map<String, Long> people, Map<String, Long> groups, long call, long todayShift, long yesterdayShift) {
    }

    private record Person(String name, String username, String language, String area, List<String> skills) {
    }

    private final SandboxPeople telegram;
    private final DemoRepository records;
    private final CallPublisher calls;
    private final Enrolments enrolments;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    DemoScene(SandboxPeople telegram, DemoRepository records, CallPublisher calls, Enrolments enrolments, Clock clock,
              OrganisationProperties organisation) {
        this.telegram = telegram;
        this.records = records;
        this.calls = calls;
        this.enrolments = enrolments;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    static final String FIRST_TEAM = "百家湖社区志愿服务队";

    /**
     * Whether a scene is there already, in the records and in the emulated Telegram (whose world is
     * kept in a file in development, and new in tests): start-up loads one only once; the button adds another.
     */
    boolean loadedBefore() {
        return records.loadedBefore(FIRST_TEAM) && telegram.count() > 0;
    }

    synchronized Loaded load() {
        String tag = code(3).toLowerCase();
        Map<String, Long> users = new LinkedHashMap<>();
        Map<String, Long> volunteers = new LinkedHashMap<>();

        Person coordinator = new Person("王芳", "wangfang", "zh", DONGSHAN, List.of("registration"));
        List<Person> teamA = List.of(new Person("李强", "liqiang", "zh", BAIJIAHU, List.of("order", "registration")),
                new Person("张伟", "zhangwei", "zh", BAIJIAHU, List.of("medical")),
                new Person("刘洋", "liuyang", "zh", BAIJIAHU, List.of("driving", "logistics")),
                new Person("陈静", "chenjing", "zh", BAIJIAHU, List.of("counselling")),
                new Person("杨帆", "yangfan", "zh", BAIJIAHU, List.of("it")));
        List<Person> teamB = List.of(new Person("赵敏", "zhaomin", "zh", DONGSHAN, List.of("rescue", "order")),
                new Person("黄磊", "huanglei", "zh", DONGSHAN, List.of("logistics")),
                new Person("周婷", "zhouting", "zh", "jiangning.dongshan.zhushan", List.of("medical", "publicity")),
                new Person("吴昊", "wuhao", "zh", "jiangning.dongshan.shangfang", List.of("order")),
                new Person("Alex Chen", "alexchen", "en", BAIJIAHU, List.of("translation")));
        List<Person> newcomers = List.of(new Person("孙悦", "sunyue", "zh", null, List.of()),
                new Person("马超", "machao", "zh", null, List.of()),
                new Person("朱琳", "zhulin", "zh", null, List.of()),
                new Person("胡斌", "hubin", "zh", null, List.of()));

        List<Person> signedUp = new ArrayList<>();
        signedUp.add(coordinator);
        signedUp.addAll(teamA);
        signedUp.addAll(teamB);
        for (Person person : signedUp) {
            long user = telegram.person(person.name(), null, person.username() + "_" + tag, person.language());
            users.put(person.name(), user);
            volunteers.put(person.name(), records.volunteer("D" + tag.toUpperCase() + code(3), user, person.username() + "_" + tag,
                    person.name(), person.name(), "+86138" + String.format("%08d", random.nextInt(100_000_000)), person.area(),
                    person.skills()));
        }
        for (Person person : newcomers) {
            users.put(person.name(), telegram.person(person.name(), null, person.username() + "_" + tag, person.language()));
        }
        long coordinatorId = users.get(coordinator.name());
        records.coordinator(coordinatorId);

        long teamAId = records.team(FIRST_TEAM, BAIJIAHU, code(8), coordinatorId);
        long teamBId = records.team("东山街道应急志愿队", DONGSHAN, code(8), coordinatorId);
        for (int i = 0; i < teamA.size(); i++) {
            records.member(teamAId, volunteers.get(teamA.get(i).name()), i == 0);
        }
        for (int i = 0; i < teamB.size(); i++) {
            records.member(teamBId, volunteers.get(teamB.get(i).name()), i == 0);
        }

        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put("百家湖社区志愿者群", telegram.group("百家湖社区志愿者群", ids(users, "李强", "张伟", "刘洋", "陈静", "杨帆", "孙悦", "马超", "王芳")));
        groups.put("东山街道志愿者群", telegram.group("东山街道志愿者群", ids(users, "赵敏", "黄磊", "周婷", "吴昊", "Alex Chen", "朱琳", "王芳")));
        groups.put("江宁区志愿者总群", telegram.group("江宁区志愿者总群", new ArrayList<>(users.values())));
        waitUntilRecorded(groups.values());
        List<Long> chats = new ArrayList<>(groups.values());
        records.bind(chats.get(0), teamAId);
        records.subscribe(chats.get(0), false, List.of(BAIJIAHU));
        records.bind(chats.get(1), teamBId);
        records.subscribe(chats.get(1), false, List.of(DONGSHAN));
        records.subscribe(chats.get(2), true, List.of());

        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant tomorrowEight = today.plusDays(1).atTime(8, 0).atZone(zone).toInstant();
        long call = calls.publish(new NewCall("百家湖核酸检测点 · 早班", "协助核酸采样点登记、引导和秩序维护。请佩戴口罩，提前 10 分钟到达。",
                "百家湖核酸检测点", 31.9200, 118.8400, BAIJIAHU, tomorrowEight, tomorrowEight.plus(Duration.ofHours(4)), 20, List.of(),
                teamAId), coordinatorId, Languages.CHINESE);
        for (String name : List.of("张伟", "刘洋", "陈静")) {
            enrolments.enrol(users.get(name), call);
        }

        Instant shiftStart = now.minus(Duration.ofMinutes(30));
        long todayShift = calls.create(new NewCall("东山街道卡口值守", "在东山街道卡口协助测温、查验和登记。", "东山街道卡口",
                31.9310, 118.8520, DONGSHAN, shiftStart, shiftStart.plus(Duration.ofHours(4)), 6, List.of(), teamBId), coordinatorId);
        records.close(todayShift);
        for (String name : List.of("黄磊", "周婷", "吴昊", "Alex Chen")) {
            records.placeOnPastShift(todayShift, volunteers.get(name), now.minus(Duration.ofDays(1)));
        }

        Instant yesterdayEight = today.minusDays(1).atTime(8, 0).atZone(zone).toInstant();
        long yesterdayShift = calls.create(new NewCall("百家湖核酸检测点 · 昨日早班", "协助核酸采样点登记、引导和秩序维护。", "百家湖核酸检测点",
                31.9200, 118.8400, BAIJIAHU, yesterdayEight, yesterdayEight.plus(Duration.ofHours(4)), 10, List.of(), teamAId),
                coordinatorId);
        records.close(yesterdayShift);
        for (String name : List.of("张伟", "刘洋", "杨帆")) {
            records.placeOnPastShift(yesterdayShift, volunteers.get(name), now.minus(Duration.ofDays(2)));
        }
        log.info("demo scene loaded: {} people, {} groups, call {}", users.size(), groups.size(), call);
        return new Loaded(coordinatorId, users, groups, call, todayShift, yesterdayShift);
    }

    private static List<Long> ids(Map<String, Long> users, String... names) {
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(users.get(name));
        }
        return ids;
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
