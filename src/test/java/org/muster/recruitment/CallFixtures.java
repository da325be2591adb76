package org.muster.recruitment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.muster.broadcast.Broadcasts;
import org.muster.support.SandboxClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Calls and subscribed groups for recruitment tests, made through the application's own code. */
final class CallFixtures {

    private final CallRepository calls;
    private final Broadcasts broadcasts;
    private final JdbcClient jdbc;
    private final SandboxClient sandbox;

    CallFixtures(CallRepository calls, Broadcasts broadcasts, JdbcClient jdbc, SandboxClient sandbox) {
        this.calls = calls;
        this.broadcasts = broadcasts;
        this.jdbc = jdbc;
        this.sandbox = sandbox;
    }

    /** A group with the bot in it, recorded by Muster and subscribed to all calls. */
    long subscribedGroup(String title, Long... members) {
        long group = sandbox.group(title, members);
        sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(10), list -> !list.isEmpty());
        jdbc.sql("insert into subscription (chat_id, all_calls) values (:c, true)").param("c", group).update();
        return group;
    }

    /** Publishes a call to every subscribed group, as /recruit's publish button does. */
    long publish(String title, int slots, Instant start, List<String> skills, long coordinator) {
        return publish(title, slots, start, skills, coordinator, null, null, null);
    }

    /** A call run by {@code team}, at a site with coordinates (for self check-in), or none. */
    long publish(String title, int slots, Instant start, List<String> skills, long coordinator, Long team, Double lat, Double lon) {
        RecruitFlow.Draft draft = new RecruitFlow.Draft(title, "协助信息登记", "百家湖社区核酸检测点", lat == null ? "双龙大道 1000 号" : null,
                lat, lon, "jiangning.dongshan.baijiahu", start, start.plus(Duration.ofHours(4)), slots, skills, true, false, false, false,
                true, team);
        long id = calls.create(draft, coordinator);
        broadcasts.publish(CallContent.CALL, id, null, RecruitEffects.target(draft), coordinator, java.util.Locale.SIMPLIFIED_CHINESE, null);
        return id;
    }

    /** The call's message in a group, once the outbox delivered it. */
    int postedIn(long group, String title) {
        return sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(20),
                        list -> list.stream().anyMatch(m -> m.path("text").asString().contains(title)))
                .stream().filter(m -> m.path("text").asString().contains(title)).findFirst().orElseThrow()
                .path("message_id").asInt();
    }
}
