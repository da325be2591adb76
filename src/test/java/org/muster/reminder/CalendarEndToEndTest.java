package org.muster.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A volunteer's shifts in their phone's calendar, on the demo: the enrolment's confirmation carries
 * "📅 加入日历", which sends an {@code .ics} with the shift; {@code /calendar} gives the file and a personal
 * subscription address; after {@code /leave} the subscription shows the shift cancelled; {@code /calendar
 * reset} makes the old address open nothing. Every file is parsed back and validated by ical4j.
 */
@EndToEndTest
class CalendarEndToEndTest {

    private static final Pattern ADDRESS = Pattern.compile("(http://\\S+/calendar/[A-Za-z0-9_-]+\\.ics)");

    @LocalServerPort
    int port;

    private SandboxClient sandbox;
    private JsonNode scene;

    @BeforeEach
    void demo() {
        sandbox = new SandboxClient(port);
        scene = sandbox.post("/sandbox/api/demo", Map.of());
    }

    private byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? response.body() : null;
    }

    private static Calendar parsed(byte[] file) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new ByteArrayInputStream(file));
        var validation = calendar.validate();
        assertThat(validation.hasErrors()).as("ical4j's validation: " + validation.getEntries() + " of\n" + new String(file, StandardCharsets.UTF_8))
                .isFalse();
        return calendar;
    }

    private static VEvent event(Calendar calendar, String title) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getSummary() != null && title.equals(e.getSummary().getValue())).findFirst().orElseThrow();
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse(null);
    }

    @Test
    void anEnrolmentGoesIntoThePhonesCalendarAndLeavingItCancelsItThere() throws Exception {
        long huang = scene.path("people").path("黄磊").asLong();
        long group = scene.path("groups").path("东山街道志愿者群").asLong();
        int copy = sandbox.botMessagesUntil(group, 0, Duration.ofSeconds(15), list -> list.stream()
                        .anyMatch(m -> m.path("text").asString().contains("早班"))).stream()
                .filter(m -> m.path("text").asString().contains("早班")).findFirst().orElseThrow().path("message_id").asInt();
        assertThat(sandbox.toast(sandbox.pressLabel(group, huang, copy, "🙋 我报名"))).contains("报名成功");

        // the confirmation in the private chat, with its calendar button
        long chat = sandbox.privateChat(huang);
        JsonNode confirmation = sandbox.botMessagesUntil(chat, 0, Duration.ofSeconds(15), list -> list.stream()
                        .anyMatch(m -> m.path("text").asString().contains("报名成功"))).stream()
                .filter(m -> m.path("text").asString().contains("报名成功")).reduce((a, b) -> b).orElseThrow();
        assertThat(SandboxClient.buttonLabels(confirmation)).contains("📅 加入日历");
        int last = sandbox.messages(chat, 0).stream().mapToInt(m -> m.path("message_id").asInt()).max().orElseThrow();
        assertThat(sandbox.toast(sandbox.pressLabel(chat, huang, confirmation.path("message_id").asInt(), "📅 加入日历"))).contains("日历");
        JsonNode document = sandbox.botMessagesUntil(chat, last, Duration.ofSeconds(15), list -> list.stream().anyMatch(m -> m.has("document")))
                .stream().filter(m -> m.has("document")).findFirst().orElseThrow().path("document");
        assertThat(document.path("file_name").asString()).isEqualTo("muster-shifts.ics");

        Calendar file = parsed(get(sandbox.base() + document.path("url").asString()));
        assertThat(file.<VTimeZone>getComponents("VTIMEZONE")).extracting(z -> z.getTimeZoneId().getValue())
                .containsExactly("Asia/Shanghai");
        VEvent shift = event(file, "百家湖核酸检测点 · 早班");
        assertThat(value(shift, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(value(shift, "GEO")).isEqualTo("31.92;118.84");
        assertThat(shift.getProperty("DTSTART").orElseThrow().getParameter("TZID").map(p -> p.getValue())).hasValue("Asia/Shanghai");
        assertThat(value(shift, "DTSTART")).endsWith("T080000");
        // the reminders he would get by message (the defaults: 24 h and 2 h before)
        assertThat(shift.<VAlarm>getComponents("VALARM")).extracting(a -> a.getProperty("TRIGGER").orElseThrow().getValue())
                .containsExactlyInAnyOrder("-P1D", "-PT2H");
        // the shift of today he holds a place on too
        assertThat(value(event(file, "东山街道卡口值守"), "STATUS")).isEqualTo("CONFIRMED");

        // his subscription, then /leave: the subscribed calendar shows the shift cancelled
        String address = address(sandbox.say(chat, huang, "/calendar"), chat);
        assertThat(value(event(parsed(get(address)), "百家湖核酸检测点 · 早班"), "STATUS")).isEqualTo("CONFIRMED");
        JsonNode leaving = sandbox.botMessagesUntil(chat, sandbox.say(chat, huang, "/leave"), Duration.ofSeconds(15),
                list -> list.stream().anyMatch(m -> SandboxClient.buttonLabels(m).stream().anyMatch(l -> l.contains("早班")))).stream()
                .filter(m -> SandboxClient.buttonLabels(m).stream().anyMatch(l -> l.contains("早班"))).findFirst().orElseThrow();
        String label = SandboxClient.buttonLabels(leaving).stream().filter(l -> l.contains("早班")).findFirst().orElseThrow();
        sandbox.pressLabel(chat, huang, leaving.path("message_id").asInt(), label);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String status = null;
        while (System.nanoTime() < deadline && !"CANCELLED".equals(status)) {
            status = value(event(parsed(get(address)), "百家湖核酸检测点 · 早班"), "STATUS");
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo("CANCELLED");
        assertThat(event(parsed(get(address)), "百家湖核酸检测点 · 早班").getComponents("VALARM")).as("no reminder for a cancelled shift").isEmpty();

        // a new address: the old one opens nothing
        String fresh = address(sandbox.say(chat, huang, "/calendar reset"), chat);
        assertThat(fresh).isNotEqualTo(address);
        assertThat(get(address)).isNull();
        assertThat(get(fresh)).isNotNull();
        assertThat(get(sandbox.base() + "/calendar/" + "A".repeat(22) + ".ics")).isNull();
    }

    private String address(int asked, long chat) {
        List<JsonNode> answer = sandbox.botMessagesUntil(chat, asked, Duration.ofSeconds(15),
                list -> list.stream().anyMatch(m -> ADDRESS.matcher(m.path("text").asString()).find()));
        Matcher found = answer.stream().map(m -> ADDRESS.matcher(m.path("text").asString())).filter(Matcher::find).findFirst().orElseThrow();
        return found.group(1);
    }
}
