package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.broadcast.BroadcastStatus;
import org.muster.broadcast.Broadcasts;
import org.muster.recruitment.CallPublisher;
import org.muster.recruitment.NewCall;
import org.muster.support.EndToEndConfiguration;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A call or a notice for an area reaches every group subscribed to that area, to any area inside it
 * (any depth), to an area it lies in, and every group taking all calls; never a group of another
 * area. The previews count the groups by area.
 */
@EndToEndTest
class AreaTargetingEndToEndTest {

    private static final long COORDINATOR = EndToEndConfiguration.COORDINATOR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallPublisher publisher;

    @Autowired
    Broadcasts broadcasts;

    private SandboxClient sandbox;
    private Volunteering volunteering;

    private long district;
    private long street;
    private long community;
    private long everything;
    private long otherDistrict;
    private long otherStreetsCommunity;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        volunteering = new Volunteering(sandbox);
        sandbox.createUser(COORDINATOR, "Coordinator", "zh");
        sandbox.privateChat(COORDINATOR);
        district = subscribed("江宁区群", false, "jiangning");
        street = subscribed("东山街道群", false, "jiangning.dongshan");
        community = subscribed("百家湖社区群", false, "jiangning.dongshan.baijiahu");
        everything = subscribed("全部招募群", true);
        otherDistrict = subscribed("玄武区群", false, "xuanwu");
        otherStreetsCommunity = subscribed("禄口社区群", false, "jiangning.lukou.lukou");
    }

    /** A group with the bot, subscribed to these areas (or to all calls). */
    private long subscribed(String title, boolean all, String... areas) {
        long member = sandbox.createUser("成员" + title, "zh");
        long group = sandbox.group(title, member);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("select count(*) from group_chat where chat_id = :c").param("c", group).query(Integer.class).single() == 0) {
            assertThat(System.nanoTime()).as("group recorded").isLessThan(deadline);
            pause();
        }
        jdbc.sql("insert into subscription (chat_id, all_calls, area_codes) values (:c, :all, :areas)")
                .param("c", group).param("all", all).param("areas", areas).update();
        return group;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long call(String title, String area) {
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        return publisher.publish(new NewCall(title, "现场服务", "东山街道办", null, null, area, start, start.plus(Duration.ofHours(4)), 10,
                List.of(), null), COORDINATOR, Locale.SIMPLIFIED_CHINESE);
    }

    /** Which of this test's groups the broadcast has a delivery for. */
    private Set<Long> reached(long broadcast) {
        Set<Long> mine = Set.of(district, street, community, everything, otherDistrict, otherStreetsCommunity);
        return jdbc.sql("select chat_id from broadcast_delivery where broadcast_id = :b").param("b", broadcast).query(Long.class).list()
                .stream().filter(mine::contains).collect(Collectors.toSet());
    }

    private long broadcastOfCall(long call) {
        return jdbc.sql("select id from broadcast where activity_id = :a and kind = 'call'").param("a", call).query(Long.class).single();
    }

    /** Waits until every delivery of the broadcast was made (the marker that all that will arrive has). */
    private void delivered(long broadcast) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        BroadcastStatus status = broadcasts.status(broadcast);
        while (status.sent() + status.failed() < status.total()) {
            assertThat(System.nanoTime()).as("broadcast %s delivered", broadcast).isLessThan(deadline);
            pause();
            status = broadcasts.status(broadcast);
        }
    }

    private boolean got(long group, String text) {
        return SandboxClient.texts(sandbox.messages(group, 0)).stream().anyMatch(t -> t.contains(text));
    }

    @Test
    void aDistrictsCallReachesItsStreetsAndCommunitiesAndAllCallsButNotAnotherDistrict() {
        long call = call("江宁区全区核酸采样", "jiangning");
        long broadcast = broadcastOfCall(call);
        assertThat(reached(broadcast)).containsExactlyInAnyOrder(district, street, community, everything, otherStreetsCommunity);
        delivered(broadcast);
        for (long group : List.of(district, street, community, everything, otherStreetsCommunity)) {
            assertThat(got(group, "江宁区全区核酸采样")).as("group %s got the call", group).isTrue();
        }
        assertThat(got(otherDistrict, "江宁区全区核酸采样")).isFalse();
    }

    @Test
    void aStreetsCallReachesItsCommunityAndTheDistrictButNotAnotherStreet() {
        long call = call("东山街道入户排查", "jiangning.dongshan");
        long broadcast = broadcastOfCall(call);
        assertThat(reached(broadcast)).containsExactlyInAnyOrder(district, street, community, everything);
        delivered(broadcast);
        assertThat(got(community, "东山街道入户排查")).isTrue();
        assertThat(got(otherStreetsCommunity, "东山街道入户排查")).isFalse();
        assertThat(got(otherDistrict, "东山街道入户排查")).isFalse();
    }

    /**
     * What the preview must count, from the database by the codes' dotted prefixes (not the catalog's
     * tree): groups taking all calls under "*", the others under the first subscribed area on the
     * target's branch.
     */
    private Map<String, Integer> expectedByArea(String target) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        jdbc.sql("""
                select s.all_calls, s.area_codes from subscription s join group_chat g on g.chat_id = s.chat_id
                where g.bot_status in ('member', 'administrator')
                """).query((rs, i) -> {
            if (rs.getBoolean(1)) {
                expected.merge("*", 1, Integer::sum);
            } else {
                for (String code : (String[]) rs.getArray(2).getArray()) {
                    if (code.equals(target) || code.startsWith(target + ".") || target.startsWith(code + ".")) {
                        expected.merge(code, 1, Integer::sum);
                        break;
                    }
                }
            }
            return 0;
        }).list();
        return expected;
    }

    @Test
    void aNoticeForTheWholeDistrictIsPreviewedWithItsGroupsByAreaAndReachesThem() {
        long me = COORDINATOR;
        volunteering.next(me, sandbox.say(me, me, "/broadcast"), "通知内容");
        JsonNode target = volunteering.next(me, sandbox.say(me, me, "江宁区今晚全员核酸"), "发给哪些群");
        sandbox.pressLabel(me, me, target.path("message_id").asInt(), "某个区域的群");
        JsonNode area = volunteering.next(me, target.path("message_id").asInt(), "请选择区域");
        sandbox.pressWhenShown(me, me, area.path("message_id").asInt(), "江宁区");
        sandbox.pressWhenShown(me, me, area.path("message_id").asInt(), "整个江宁区");
        JsonNode preview = volunteering.next(me, area.path("message_id").asInt(), "将发送到");

        Map<String, Integer> expected = expectedByArea("jiangning");
        String text = preview.path("text").asString();
        assertThat(text).contains("将发送到 " + expected.values().stream().mapToInt(Integer::intValue).sum() + " 个群");
        assertThat(text).contains("• 订阅全部招募：" + expected.get("*") + " 个群",
                "• 江宁区：" + expected.get("jiangning") + " 个群",
                "• 江宁区 › 东山街道：" + expected.get("jiangning.dongshan") + " 个群",
                "• 江宁区 › 东山街道 › 百家湖社区：" + expected.get("jiangning.dongshan.baijiahu") + " 个群",
                "• 江宁区 › 禄口街道 › 禄口社区：" + expected.get("jiangning.lukou.lukou") + " 个群");
        assertThat(text).doesNotContain("玄武区");

        sandbox.pressLabel(me, me, preview.path("message_id").asInt(), "✅ 发送");
        volunteering.next(me, preview.path("message_id").asInt(), "发送完成");
        long broadcast = jdbc.sql("select max(id) from broadcast where kind = 'notice' and text = '江宁区今晚全员核酸'")
                .query(Long.class).single();
        assertThat(reached(broadcast)).containsExactlyInAnyOrder(district, street, community, everything, otherStreetsCommunity);
        for (long group : List.of(district, street, community, everything, otherStreetsCommunity)) {
            assertThat(got(group, "江宁区今晚全员核酸")).as("group %s got the notice", group).isTrue();
        }
        assertThat(got(otherDistrict, "江宁区今晚全员核酸")).isFalse();
    }
}
