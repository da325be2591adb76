package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.muster.support.Volunteering;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON logs (Spring Boot's structured logging, ECS) over a whole end-to-end run: every line is one
 * JSON object, every line written while an update is handled carries the update id and chat id of
 * the MDC, and no line holds the real name or the phone number the volunteer gave, in any spelling.
 */
@EndToEndTest
@TestPropertySource(properties = {
        "logging.config=classpath:logback-structured-test.xml",
        "logging.structured.format.file=ecs",
        "logging.file.name=" + StructuredLogsEndToEndTest.LOG_FILE})
class StructuredLogsEndToEndTest {

    static final String LOG_FILE = "target/structured-logs-e2e.json";

    private static final String NAME = "欧阳震华";
    private static final String PHONE = "+86 138 2468 1357";
    /** The phone as it could show up: stored form, bare digits, the national part alone. */
    private static final List<String> PHONE_FORMS = List.of("+8613824681357", "8613824681357", "13824681357");

    static {
        // the file of an earlier run would be appended to; this class loads before its context starts
        try {
            Files.deleteIfExists(Path.of(LOG_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ObjectMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private SandboxClient sandbox;
    private Volunteering volunteering;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(port);
        volunteering = new Volunteering(sandbox);
    }

    /**
     * Back to logback-test.xml for the test classes after this one: a cached context they reuse does not
     * set logging up again, and Boot leaves the file settings behind as system properties.
     */
    @AfterAll
    static void backToTheTestLogging() throws Exception {
        if (LOG_FILE.equals(System.getProperty("LOG_FILE"))) {
            System.clearProperty("LOG_FILE");
        }
        if ("ecs".equals(System.getProperty("FILE_LOG_STRUCTURED_FORMAT"))) {
            System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
        }
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.reset();
        new ContextInitializer(logging).autoConfig();
    }

    @Test
    void aWholeRunLogsJsonLinesWithUpdateAndChatAndNothingPersonal() throws IOException {
        long user = sandbox.createUser("Zhenhua", "zh");
        long chat = sandbox.privateChat(user);
        int start = sandbox.say(chat, user, "/help");
        volunteering.next(chat, start, "/lang");

        assertThat(volunteering.signUp(user, NAME, PHONE)).contains("报名成功");
        // the bot shows the record in the private chat: shown there, never logged
        assertThat(volunteering.next(chat, sandbox.say(chat, user, "/profile"), "我的报名信息").path("text").asString())
                .contains(NAME, "+8613824681357");
        volunteering.next(chat, sandbox.say(chat, user, "/myhours"), "时长");

        // a forged button (a coordinator's, pressed by a volunteer) and a button no handler knows
        int shown = sandbox.lastBotMessage(chat).path("message_id").asInt();
        String forged = sandbox.press(chat, user, shown, "grant:add");
        assertThat(sandbox.toast(forged)).isNotEmpty();
        String unknownButton = sandbox.press(chat, user, shown, "zzforged:" + NAME);
        assertThat(sandbox.toast(unknownButton)).isNotEmpty();
        // an unknown command, and a handler that fails (its stack trace goes into the JSON line)
        JsonNode unknown = sandbox.sayRaw(chat, user, "/frobnicate");
        long unknownUpdate = unknown.path("update_id").asLong();
        JsonNode failing = sandbox.sayRaw(chat, user, "/boom");
        long failingUpdate = failing.path("update_id").asLong();
        // handled: the chat's updates are handled in order, so all of the above was logged before the marker's answer
        sandbox.botMessagesBeforeMarker(chat, user, unknown.path("message_id").asInt());

        List<String> raw = Files.readAllLines(Path.of(LOG_FILE), StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : raw) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            assertThat(node.isObject()).as("a JSON object per line: " + line).isTrue();
            assertThat(node.path("message").isString()).as("ECS message in: " + line).isTrue();
            lines.add(node);
        }
        assertThat(lines).as("the run logged something").hasSizeGreaterThan(10);

        List<JsonNode> handling = lines.stream().filter(l -> thread(l).startsWith("muster-worker-")).toList();
        assertThat(handling).as("lines written while handling updates").isNotEmpty();
        for (JsonNode line : handling) {
            assertThat(line.path("updateId").asString()).as("updateId in " + line).isNotEmpty();
            assertThat(line.path("chatId").asString()).as("chatId in " + line).isNotEmpty();
        }
        String chatId = Long.toString(chat);
        assertThat(handling).as("the unknown command's line, with its update and chat")
                .anyMatch(l -> l.path("message").asString().contains("unknown command /frobnicate")
                        && l.path("updateId").asString().equals(Long.toString(unknownUpdate)) && l.path("chatId").asString().equals(chatId));
        assertThat(handling).as("the failed update's line, with its stack trace, update and chat")
                .anyMatch(l -> l.path("log").path("level").asString().equals("ERROR")
                        && l.path("updateId").asString().equals(Long.toString(failingUpdate)) && l.path("chatId").asString().equals(chatId)
                        && l.path("error").path("stack_trace").asString().contains("on purpose"));
        assertThat(handling).as("the forged button's audit line, in this chat")
                .anyMatch(l -> l.path("message").asString().startsWith("audit ") && l.path("chatId").asString().equals(chatId));
        assertThat(handling).as("the unknown button's line, in this chat")
                .anyMatch(l -> l.path("message").asString().contains("stale or unknown data") && l.path("chatId").asString().equals(chatId));

        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            // the parsed text too: a JSON writer may escape non-ASCII characters as \\uXXXX
            String text = raw.get(i).isBlank() ? "" : json.readTree(line).toString() + " " + values(json.readTree(line));
            // separators inside a number taken out: 138 2468 1357, 138-2468-1357
            String joined = (line + " " + text).replaceAll("(?<=\\d)[ \\-.()]+(?=\\d)", "");
            assertThat(line + text).as("line " + (i + 1) + " holds the real name").doesNotContain(NAME).doesNotContain("震华");
            for (String phone : PHONE_FORMS) {
                assertThat(joined).as("line " + (i + 1) + " holds the phone number").doesNotContain(phone);
            }
        }
        System.out.printf("structured logs: %d JSON lines, %d written while handling updates, none with the name or phone%n",
                lines.size(), handling.size());
    }

    private static String thread(JsonNode line) {
        return line.path("process").path("thread").path("name").asString();
    }

    /** Every string value of the line, unescaped. */
    private static String values(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isString()) {
            out.append(node.asString()).append(' ');
        }
        for (JsonNode child : node) {
            collect(child, out);
        }
    }
}
