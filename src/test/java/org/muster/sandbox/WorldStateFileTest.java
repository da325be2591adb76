package org.muster.sandbox;

import sandboxonly.SandboxOnlyApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sandbox.ControlApi.json;

/** With a state file, a restarted emulator finds its world again. */
class WorldStateFileTest {

    private static final String TOKEN = "1000000001:sandbox";

    private static ConfigurableApplicationContext start(Path stateFile) {
        List<String> properties = new ArrayList<>(List.of(SandboxOnlyApplication.PROPERTIES));
        properties.add("server.port=0");
        properties.add("muster.sandbox.state-file=" + stateFile);
        return new SpringApplicationBuilder(SandboxOnlyApplication.class).run(SandboxOnlyApplication.arguments(properties));
    }

    private static ControlApi control(ConfigurableApplicationContext context) {
        return new ControlApi(context.getBean(SandboxEndpoint.class).port());
    }

    @Test
    void theWorldSurvivesARestart(@TempDir Path directory) throws Exception {
        Path stateFile = directory.resolve("sandbox/world.json");
        long user;
        long group;
        int lastUpdateId;
        try (ConfigurableApplicationContext first = start(stateFile)) {
            ControlApi control = control(first);
            user = control.privateChat("Keeper");
            group = control.group("group", "Kept", user);
            lastUpdateId = control.say(user, user, "/start").get("update_id").asInt();
            control.post("/bot" + TOKEN + "/sendMessage", json().put("chat_id", user).put("text", "<b>Welcome</b>")
                    .put("parse_mode", "HTML"));
            control.post("/bot" + TOKEN + "/setMyCommands", json().set("commands",
                    SandboxJson.parse("[{\"command\":\"start\",\"description\":\"Start\"}]").orElseThrow()));
            control.post("/bot" + TOKEN + "/setWebhook", json().put("url", "http://127.0.0.1:1/hook")
                    .put("secret_token", "kept"));
        }
        assertThat(stateFile).exists();
        assertThat(Files.readString(stateFile)).contains("Keeper");

        try (ConfigurableApplicationContext second = start(stateFile)) {
            ControlApi control = control(second);

            assertThat(control.get("/sandbox/api/users")).extracting(u -> u.get("first_name").asString()).containsExactly("Keeper");
            assertThat(control.get("/sandbox/api/chats")).extracting(c -> c.get("id").asLong()).containsExactly(user, group);
            JsonNode transcript = control.transcript(user);
            assertThat(transcript).extracting(m -> m.get("text").asString()).containsExactly("/start", "Welcome");
            assertThat(transcript.get(1).get("entities").get(0).get("type").asString()).isEqualTo("bold");
            JsonNode bot = control.get("/sandbox/api/bot");
            assertThat(bot.get("commands").get(0).get("commands").get(0).get("command").asString()).isEqualTo("start");
            assertThat(bot.get("webhook").get("url").asString()).isEqualTo("http://127.0.0.1:1/hook");
            assertThat(bot.get("webhook").get("pending_update_count").asInt()).isEqualTo(3);

            control.post("/bot" + TOKEN + "/deleteWebhook", json());
            JsonNode pending = control.post("/bot" + TOKEN + "/getUpdates", json()).get("result");
            assertThat(pending.get(2).get("update_id").asInt()).isEqualTo(lastUpdateId);
            int next = control.say(user, user, "again").get("update_id").asInt();
            assertThat(next).isEqualTo(lastUpdateId + 1);
            assertThat(control.say(user, user, "more").get("message_id").asInt()).isEqualTo(4);
        }
    }

    @Test
    void withoutAStateFileNothingIsKept(@TempDir Path directory) {
        List<String> properties = new ArrayList<>(List.of(SandboxOnlyApplication.PROPERTIES));
        properties.add("server.port=0");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SandboxOnlyApplication.class)
                .run(SandboxOnlyApplication.arguments(properties))) {
            control(context).user("Fleeting");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SandboxOnlyApplication.class)
                .run(SandboxOnlyApplication.arguments(properties))) {
            assertThat(control(context).get("/sandbox/api/users")).isEmpty();
        }
        assertThat(directory).isEmptyDirectory();
    }
}
