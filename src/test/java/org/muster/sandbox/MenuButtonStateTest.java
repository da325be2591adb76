package org.muster.sandbox;

import sandboxonly.SandboxOnlyApplication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sandbox.ControlApi.json;

/** Menu buttons are kept in the state file like the rest of the world, and a reset takes the chats' ones away. */
class MenuButtonStateTest {

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

    private static ObjectNode webApp(String text, String url) {
        ObjectNode button = json().put("type", "web_app").put("text", text);
        button.putObject("web_app").put("url", url);
        return button;
    }

    @Test
    void menuButtonsSurviveARestartAndTheChatsOnesGoWithAReset(@TempDir Path directory) {
        Path stateFile = directory.resolve("world.json");
        long user;
        try (ConfigurableApplicationContext first = start(stateFile)) {
            ControlApi control = control(first);
            user = control.privateChat("Keeper");
            control.post("/bot" + TOKEN + "/setChatMenuButton", json().put("chat_id", user)
                    .set("menu_button", webApp("Mine", "http://localhost:8080/app/")));
            control.post("/bot" + TOKEN + "/setChatMenuButton", json().set("menu_button", webApp("All", "https://example.org/app/")));
        }

        try (ConfigurableApplicationContext second = start(stateFile)) {
            ControlApi control = control(second);
            assertThat(control.post("/bot" + TOKEN + "/getChatMenuButton", json().put("chat_id", user)).get("result"))
                    .isEqualTo(webApp("Mine", "http://localhost:8080/app/"));
            assertThat(control.post("/bot" + TOKEN + "/getChatMenuButton", json()).get("result"))
                    .isEqualTo(webApp("All", "https://example.org/app/"));
            assertThat(control.post("/sandbox/api/webapp", json().put("chat_id", user).put("from", user)).get("url").asString())
                    .startsWith("http://localhost:8080/app/#tgWebAppData=");

            // the sandbox reset (the page's "Reset") empties the world: the chat and its button go, the bot's default stays
            second.getBean(SandboxPeople.class).clear();
            assertThat(control.call("POST", "/bot" + TOKEN + "/getChatMenuButton", json().put("chat_id", user)).status())
                    .isEqualTo(400);
            // the same person again, with the same id: a fresh chat, which shows the default
            control.post("/sandbox/api/users", json().put("id", user).put("first_name", "Keeper"));
            control.post("/sandbox/api/chats", json().put("type", "private").set("members", ControlApi.ids(user)));
            assertThat(control.post("/bot" + TOKEN + "/getChatMenuButton", json().put("chat_id", user)).get("result"))
                    .isEqualTo(webApp("All", "https://example.org/app/"));
        }
    }
}
