package org.muster.sandbox;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.menubutton.GetChatMenuButton;
import org.telegram.telegrambots.meta.api.methods.menubutton.SetChatMenuButton;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.menubutton.MenuButton;
import org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonCommands;
import org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonDefault;
import org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonWebApp;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.webapp.WebAppInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sandbox.ControlApi.json;

/**
 * Menu buttons and Mini Apps over real HTTP: the bot sets its buttons with the TelegramBots client,
 * a tester opens them through the control API, and the URL carries initData that the bot's check
 * (written again here from Telegram's documentation) accepts.
 */
class MiniAppTest extends SandboxTestBase {

    private static final String APP = "http://127.0.0.1:8080/app/";

    private static MenuButtonWebApp webApp(String text, String url) {
        return MenuButtonWebApp.builder().text(text).webAppInfo(WebAppInfo.builder().url(url).build()).build();
    }

    private ControlApi.Response botApi(String method, ObjectNode body) {
        return control.call("POST", "/bot" + TOKEN + "/" + method, body);
    }

    private static void assertBotRefusal(ControlApi.Response response, String description) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.body().get("ok").asBoolean()).isFalse();
        assertThat(response.body().get("error_code").asInt()).isEqualTo(400);
        assertThat(response.body().get("description").asString()).isEqualTo(description);
    }

    /** The fragment's parameters, decoded once (as telegram-web-app.js reads location.hash). */
    private static Map<String, String> fragment(String url) {
        return query(URI.create(url).getRawFragment());
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** What a bot does with initData: recompute the hash from the other fields with its token. */
    private static boolean verifies(Map<String, String> initData, String token) throws Exception {
        String dataCheckString = initData.entrySet().stream().filter(e -> !e.getKey().equals("hash"))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("WebAppData".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] secret = mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(dataCheckString.getBytes(StandardCharsets.UTF_8)));
        return expected.equals(initData.get("hash"));
    }

    private ControlApi.Response open(long chat, long from, Integer messageId, String buttonText) {
        ObjectNode body = json().put("chat_id", chat).put("from", from);
        if (messageId != null) {
            body.put("message_id", messageId);
        }
        if (buttonText != null) {
            body.put("button_text", buttonText);
        }
        return control.call("POST", "/sandbox/api/webapp", body);
    }

    private String openedUrl(long chat, long from, Integer messageId, String buttonText) {
        ControlApi.Response response = open(chat, from, messageId, buttonText);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body().get("url").asString();
    }

    @Test
    void menuButtonsAreSetPerChatWithADefaultAndRead() throws Exception {
        long user = control.privateChat("Menu");
        long other = control.privateChat("Other");

        telegram.execute(SetChatMenuButton.builder().chatId(user).menuButton(webApp("Console", APP)).build());
        MenuButton mine = telegram.execute(GetChatMenuButton.builder().chatId(Long.toString(user)).build());
        assertThat(mine).isInstanceOf(MenuButtonWebApp.class);
        assertThat(((MenuButtonWebApp) mine).getText()).isEqualTo("Console");
        assertThat(((MenuButtonWebApp) mine).getWebAppInfo().getUrl()).isEqualTo(APP);
        // another chat shows the bot's default: the commands, until a default is set
        JsonNode before = botApi("getChatMenuButton", json().put("chat_id", other)).body();
        assertThat(before.get("result")).isEqualTo(json().put("type", "commands"));
        assertThat(control.get("/sandbox/api/chats/" + user).get("menu_button").get("text").asString()).isEqualTo("Console");

        try {
            telegram.execute(SetChatMenuButton.builder().menuButton(webApp("Everyone", "https://example.org/app")).build());
            assertThat(((MenuButtonWebApp) telegram.execute(GetChatMenuButton.builder().chatId(Long.toString(other)).build()))
                    .getText()).isEqualTo("Everyone");
            assertThat(((MenuButtonWebApp) telegram.execute(GetChatMenuButton.builder().build())).getText()).isEqualTo("Everyone");
            // someone who never opened the chat finds the default button there, as in Telegram's client
            long newcomer = control.user("Newcomer");
            assertThat(openedUrl(newcomer, newcomer, null, null)).startsWith("https://example.org/app#tgWebAppData=");
            assertThat(control.get("/sandbox/api/chats/" + newcomer).get("type").asString()).isEqualTo("private");
            // the chat's own button wins over the default; "default" gives the chat the default back
            assertThat(((MenuButtonWebApp) telegram.execute(GetChatMenuButton.builder().chatId(Long.toString(user)).build()))
                    .getText()).isEqualTo("Console");
            telegram.execute(SetChatMenuButton.builder().chatId(user).menuButton(MenuButtonDefault.builder().build()).build());
            assertThat(((MenuButtonWebApp) telegram.execute(GetChatMenuButton.builder().chatId(Long.toString(user)).build()))
                    .getText()).isEqualTo("Everyone");
            telegram.execute(SetChatMenuButton.builder().chatId(user).menuButton(MenuButtonCommands.builder().build()).build());
            assertThat(telegram.execute(GetChatMenuButton.builder().chatId(Long.toString(user)).build()))
                    .isInstanceOf(MenuButtonCommands.class);
        } finally {
            // the default is the bot's, shared by every test of this emulator
            telegram.execute(SetChatMenuButton.builder().menuButton(MenuButtonDefault.builder().build()).build());
        }
        assertThat(botApi("getChatMenuButton", json()).body().get("result")).isEqualTo(json().put("type", "commands"));
    }

    @Test
    void badMenuButtonsAreRefusedInTelegramsWords() {
        long user = control.privateChat("Refused");
        long group = control.group("supergroup", "No menus", user);

        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user).put("menu_button", "{not json")),
                "Bad Request: can't parse menu button JSON object");
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user).set("menu_button", json().put("type", "app"))),
                "Bad Request: can't parse menu button: MenuButton has unsupported type");
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user).set("menu_button", json().put("text", "x"))),
                "Bad Request: can't parse menu button: Can't find field \"type\"");
        ObjectNode noText = json().put("type", "web_app");
        noText.putObject("web_app").put("url", APP);
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user).set("menu_button", noText)),
                "Bad Request: can't parse menu button: Can't find field \"text\"");
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user)
                        .set("menu_button", json().put("type", "web_app").put("text", "App"))),
                "Bad Request: can't parse menu button: Can't find field \"web_app\"");
        ObjectNode noUrl = json().put("type", "web_app").put("text", "App");
        noUrl.putObject("web_app");
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user).set("menu_button", noUrl)),
                "Bad Request: can't parse menu button: Can't find field \"url\"");
        ObjectNode plainHttp = json().put("type", "web_app").put("text", "App");
        plainHttp.putObject("web_app").put("url", "http://example.org/app/");
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", user).set("menu_button", plainHttp)),
                "Bad Request: menu button Web App URL 'http://example.org/app/' is invalid: Only HTTPS links are allowed");
        assertBotRefusal(botApi("setChatMenuButton", json().put("chat_id", group).set("menu_button", json().put("type", "commands"))),
                "Bad Request: chat is not private");
        assertBotRefusal(botApi("getChatMenuButton", json().put("chat_id", -42)), "Bad Request: chat not found");

        // nothing of it was kept
        assertThat(botApi("getChatMenuButton", json().put("chat_id", user)).body().get("result"))
                .isEqualTo(json().put("type", "commands"));
    }

    @Test
    void inlineWebAppButtonsTakeHttpsOrThisMachineAndOnlyInPrivateChats() throws Exception {
        long user = control.privateChat("Inline");
        long group = control.group("supergroup", "Inline group", user);
        InlineKeyboardMarkup local = InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Open").webApp(WebAppInfo.builder().url(APP).build()).build())).build();

        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("console").replyMarkup(local).build());
        assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(0).getWebApp().getUrl()).isEqualTo(APP);
        assertThat(refusal(() -> telegram.execute(SendMessage.builder().chatId(group).text("console").replyMarkup(local).build()))
                .getApiResponse()).isEqualTo("Bad Request: BUTTON_TYPE_INVALID");

        ObjectNode remote = json().put("chat_id", user).put("text", "x").put("reply_markup",
                "{\"inline_keyboard\":[[{\"text\":\"Open\",\"web_app\":{\"url\":\"http://example.org/app\"}}]]}");
        assertBotRefusal(botApi("sendMessage", remote), "Bad Request: inline keyboard button Web App URL "
                + "'http://example.org/app' is invalid: Only HTTPS links are allowed");
        ObjectNode notAnObject = json().put("chat_id", user).put("text", "x").put("reply_markup",
                "{\"inline_keyboard\":[[{\"text\":\"Open\",\"web_app\":\"https://example.org/app\"}]]}");
        assertBotRefusal(botApi("sendMessage", notAnObject),
                "Bad Request: can't parse inline keyboard button: Field \"web_app\" must be of type Object");
        // the group got nothing, the private chat one message
        assertThat(control.transcript(group).valueStream().filter(m -> "console".equals(m.path("text").asString(null)))).isEmpty();
        assertThat(control.transcript(user)).hasSize(1);
    }

    @Test
    void theMenuButtonOpensTheAppWithSignedInitData() throws Exception {
        long user = control.post("/sandbox/api/users", json().put("first_name", "王芳").put("last_name", "Wang")
                .put("username", "wangfang").put("language_code", "zh")).get("id").asLong();
        control.post("/sandbox/api/chats", json().put("type", "private").set("members", ControlApi.ids(user)));
        telegram.execute(SetChatMenuButton.builder().chatId(user).menuButton(webApp("协调台", APP + "#old-fragment")).build());

        clock.advance(Duration.ofDays(3));
        long before = clock.unixSeconds();
        String url = openedUrl(user, user, null, null);
        long after = clock.unixSeconds();

        assertThat(url).startsWith(APP + "#tgWebAppData=").doesNotContain("old-fragment");
        Map<String, String> launch = fragment(url);
        assertThat(launch).containsOnlyKeys("tgWebAppData", "tgWebAppVersion", "tgWebAppPlatform", "tgWebAppThemeParams");
        assertThat(launch.get("tgWebAppVersion")).isEqualTo("8.0");
        assertThat(launch.get("tgWebAppPlatform")).isEqualTo("weba");
        JsonNode theme = SandboxJson.parse(launch.get("tgWebAppThemeParams")).orElseThrow();
        assertThat(theme.get("bg_color").asString()).matches("#[0-9a-f]{6}");
        assertThat(theme.has("button_color")).isTrue();

        Map<String, String> initData = query(launch.get("tgWebAppData"));
        assertThat(initData).containsOnlyKeys("user", "chat_instance", "chat_type", "auth_date", "hash");
        assertThat(verifies(initData, TOKEN)).isTrue();
        assertThat(verifies(initData, "1000000001:other")).isFalse();
        JsonNode shown = SandboxJson.parse(initData.get("user")).orElseThrow();
        assertThat(shown).isEqualTo(json().put("id", user).put("first_name", "王芳").put("last_name", "Wang")
                .put("username", "wangfang").put("language_code", "zh").put("allows_write_to_pm", true));
        // the sandbox's clock, moved three days on, not the machine's
        assertThat(Long.parseLong(initData.get("auth_date"))).isBetween(before, after);
        assertThat(Long.parseLong(initData.get("auth_date"))).isGreaterThan(System.currentTimeMillis() / 1000 + 2 * 86_400);
        assertThat(initData.get("chat_type")).isEqualTo("private");
        assertThat(initData.get("chat_instance")).isNotBlank();

        // the chat's button gone and no default: no Mini App to open
        telegram.execute(SetChatMenuButton.builder().chatId(user).menuButton(MenuButtonCommands.builder().build()).build());
        ControlApi.Response none = open(user, user, null, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().get("error").asString()).contains("no Mini App menu button");
    }

    @Test
    void anInlineButtonOpensItsAppWithAQueryId() throws Exception {
        long user = control.privateChat("Pressing");
        long stranger = control.privateChat("Stranger");
        long group = control.group("supergroup", "Others", user, stranger);
        InlineKeyboardMarkup keyboard = InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Open console").webApp(WebAppInfo.builder().url(APP + "calls?x=1").build()).build(),
                InlineKeyboardButton.builder().text("Later").callbackData("later").build())).build();
        int messageId = telegram.execute(SendMessage.builder().chatId(user).text("Your console").replyMarkup(keyboard).build())
                .getMessageId();

        String first = openedUrl(user, user, messageId, "Open console");
        String second = openedUrl(user, user, messageId, "Open console");

        assertThat(first).startsWith(APP + "calls?x=1#tgWebAppData=");
        Map<String, String> initData = query(fragment(first).get("tgWebAppData"));
        assertThat(initData).containsKeys("query_id", "user", "auth_date", "chat_instance", "chat_type", "hash");
        assertThat(verifies(initData, TOKEN)).isTrue();
        assertThat(SandboxJson.parse(initData.get("user")).orElseThrow().get("id").asLong()).isEqualTo(user);
        assertThat(Long.parseLong(initData.get("auth_date"))).isCloseTo(clock.unixSeconds(), org.assertj.core.data.Offset.offset(5L));
        // every opening is a new session
        assertThat(query(fragment(second).get("tgWebAppData")).get("query_id")).isNotEqualTo(initData.get("query_id"));

        ControlApi.Response wrongText = open(user, user, messageId, "Open");
        assertThat(wrongText.status()).isEqualTo(404);
        assertThat(wrongText.body().get("error").asString()).isEqualTo("Message " + messageId
                + " has no inline button labelled \"Open\".");
        ControlApi.Response notWebApp = open(user, user, messageId, "Later");
        assertThat(notWebApp.status()).isEqualTo(400);
        assertThat(notWebApp.body().get("error").asString()).contains("not a web_app button");
        ControlApi.Response noMessage = open(user, user, messageId + 50, "Open console");
        assertThat(noMessage.status()).isEqualTo(404);
        assertThat(noMessage.body().get("error").asString()).contains("There is no message " + (messageId + 50));
        ControlApi.Response otherUser = open(user, stranger, messageId, "Open console");
        assertThat(otherUser.status()).isEqualTo(403);
        assertThat(otherUser.body().get("error").asString()).isEqualTo("User " + stranger + " is not a member of chat " + user + ".");
        ControlApi.Response unknownUser = open(user, 42, messageId, "Open console");
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.body().get("error").asString()).isEqualTo("There is no user 42.");
        ControlApi.Response inGroup = open(group, user, null, null);
        assertThat(inGroup.status()).isEqualTo(400);
        assertThat(inGroup.body().get("error").asString()).contains("only in private chats");
        ControlApi.Response halfGiven = open(user, user, messageId, null);
        assertThat(halfGiven.status()).isEqualTo(400);
        assertThat(halfGiven.body().get("error").asString()).contains("message_id and button_text");
        ControlApi.Response noFrom = control.call("POST", "/sandbox/api/webapp", json().put("chat_id", user));
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.body().get("error").asString()).isEqualTo("The field from is missing.");
    }

    @Test
    void theClientScriptIsServedAsJavaScript() throws Exception {
        java.net.http.HttpResponse<String> script = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/telegram-web-app.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("application/javascript");
        assertThat(script.body()).contains("window.Telegram.WebApp = WebApp").contains("web_app_setup_main_button");
    }
}
