package org.muster.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.groupadministration.LeaveChat;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A request Telegram would refuse is refused here, with Telegram's code and words. */
class ValidationErrorsTest extends SandboxTestBase {

    private static InlineKeyboardMarkup oneButton(InlineKeyboardButton button) {
        return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(button)).build();
    }

    private static void assertRefusal(TelegramApiRequestException refusal, int code, String description) {
        assertThat(refusal.getErrorCode()).isEqualTo(code);
        assertThat(refusal.getApiResponse()).isEqualTo(description);
    }

    @Test
    void textLengthCountsAfterEntityParsing() throws Exception {
        long user = control.privateChat("Long");

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("x".repeat(4097)).build())),
                400, "Bad Request: message is too long");
        assertThat(telegram.execute(SendMessage.builder().chatId(user).text("x".repeat(4096)).build()).getText())
                .hasSize(4096);
        assertThat(telegram.execute(SendMessage.builder().chatId(user).parseMode("HTML")
                .text("<b>" + "y".repeat(4096) + "</b>").build()).getText()).hasSize(4096);
        assertThat(control.transcript(user)).hasSize(2);
    }

    @Test
    void emptyText() {
        long user = control.privateChat("Empty");

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("   \n ").build())),
                400, "Bad Request: message text is empty");
    }

    @Test
    void callbackDataOver64Bytes() throws Exception {
        long user = control.privateChat("Bytes");

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("x")
                        .replyMarkup(oneButton(InlineKeyboardButton.builder().text("b").callbackData("d".repeat(65)).build()))
                        .build())),
                400, "Bad Request: BUTTON_DATA_INVALID");
        // 22 Chinese characters are 66 bytes of UTF-8
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("x")
                        .replyMarkup(oneButton(InlineKeyboardButton.builder().text("b").callbackData("报".repeat(22)).build()))
                        .build())),
                400, "Bad Request: BUTTON_DATA_INVALID");
        assertThat(telegram.execute(SendMessage.builder().chatId(user).text("x")
                .replyMarkup(oneButton(InlineKeyboardButton.builder().text("b").callbackData("d".repeat(64)).build()))
                .build()).getReplyMarkup()).isNotNull();
    }

    @Test
    void buttonsWithoutOrWithTwoActions() {
        long user = control.privateChat("Buttons");
        JsonNode noAction = SandboxJson.parse("{\"inline_keyboard\":[[{\"text\":\"b\"}]]}").orElseThrow();
        JsonNode twoActions = SandboxJson.parse(
                "{\"inline_keyboard\":[[{\"text\":\"b\",\"callback_data\":\"x\",\"url\":\"https://example.org\"}]]}").orElseThrow();

        ControlApi.Response none = botApi("sendMessage", ControlApi.json().put("chat_id", user).put("text", "x")
                .set("reply_markup", noAction));
        ControlApi.Response two = botApi("sendMessage", ControlApi.json().put("chat_id", user).put("text", "x")
                .set("reply_markup", twoActions));

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().get("description").asString())
                .isEqualTo("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.body().get("description").asString()).startsWith("Bad Request: can't parse inline keyboard button: ");
    }

    @Test
    void unknownChatsAndUsers() {
        long stranger = control.user("Stranger");

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(-42L).text("x").build())),
                400, "Bad Request: chat not found");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId("@nobody").text("x").build())),
                400, "Bad Request: chat not found");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(stranger).text("x").build())),
                403, "Forbidden: bot can't initiate conversation with a user");
        ControlApi.Response noChat = botApi("sendMessage", ControlApi.json().put("text", "x"));
        assertThat(noChat.status()).isEqualTo(400);
        assertThat(noChat.body().get("description").asString()).isEqualTo("Bad Request: chat_id is empty");
    }

    @Test
    void editsThatTelegramRefuses() throws Exception {
        long user = control.privateChat("Edit");
        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("Same").build());
        int userMessage = control.say(user, user, "hello").get("message_id").asInt();

        assertRefusal(refusal(() -> telegram.execute(EditMessageText.builder().chatId(user).messageId(sent.getMessageId())
                        .text("Same").build())),
                400, "Bad Request: message is not modified: specified new message content and reply markup are exactly "
                        + "the same as a current content and reply markup of the message");
        assertRefusal(refusal(() -> telegram.execute(EditMessageReplyMarkup.builder().chatId(user)
                        .messageId(sent.getMessageId()).build())),
                400, "Bad Request: message is not modified: specified new message content and reply markup are exactly "
                        + "the same as a current content and reply markup of the message");
        assertRefusal(refusal(() -> telegram.execute(EditMessageText.builder().chatId(user).messageId(9999).text("x").build())),
                400, "Bad Request: message to edit not found");
        assertRefusal(refusal(() -> telegram.execute(EditMessageText.builder().chatId(user).messageId(userMessage)
                        .text("x").build())),
                400, "Bad Request: message can't be edited");
        assertRefusal(refusal(() -> telegram.execute(new DeleteMessage(Long.toString(user), 9999))),
                400, "Bad Request: message to delete not found");
        assertThat(telegram.execute(new DeleteMessage(Long.toString(user), sent.getMessageId()))).isTrue();
        assertThat(control.transcript(user)).extracting(m -> m.get("message_id").asInt()).containsExactly(userMessage);
    }

    @Test
    void replyToAMissingMessage() throws Exception {
        long user = control.privateChat("Reply");

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("x").replyToMessageId(777)
                        .build())),
                400, "Bad Request: message to be replied not found");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("x")
                        .replyParameters(ReplyParameters.builder().messageId(777).build()).build())),
                400, "Bad Request: message to be replied not found");
        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("x")
                .replyParameters(ReplyParameters.builder().messageId(777).allowSendingWithoutReply(true).build()).build());
        assertThat(sent.getReplyToMessage()).isNull();
    }

    @Test
    void kickedAndLeftGroups() throws Exception {
        long member = control.user("Kick");
        long group = control.group("group", "Kicked", member);
        long supergroup = control.group("supergroup", "Left", member);
        control.ok("DELETE", "/sandbox/api/chats/" + group + "/members/bot", null);
        assertThat(telegram.execute(new LeaveChat(Long.toString(supergroup)))).isTrue();

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(group).text("x").build())),
                403, "Forbidden: bot was kicked from the group chat");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(supergroup).text("x").build())),
                403, "Forbidden: bot is not a member of the supergroup chat");
        assertThat(control.get("/sandbox/api/chats/" + group).get("bot_status").asString()).isEqualTo("kicked");
    }

    @Test
    void blockedByTheUser() throws Exception {
        long user = control.privateChat("Block");
        control.post("/sandbox/api/chats/" + user + "/block", null);

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).text("x").build())),
                403, "Forbidden: bot was blocked by the user");

        control.post("/sandbox/api/chats/" + user + "/unblock", null);
        assertThat(telegram.execute(SendMessage.builder().chatId(user).text("x").build()).getText()).isEqualTo("x");
    }

    @Test
    void upgradedGroup() throws Exception {
        long member = control.user("Upgrade");
        long group = control.group("group", "Before", member);
        long supergroup = control.post("/sandbox/api/chats/" + group + "/migrate", null).get("id").asLong();

        TelegramApiRequestException refusal = refusal(() -> telegram.execute(SendMessage.builder().chatId(group)
                .text("x").build()));

        assertRefusal(refusal, 400, "Bad Request: group chat was upgraded to a supergroup chat");
        assertThat(refusal.getParameters().getMigrateToChatId()).isEqualTo(supergroup);
        assertThat(telegram.execute(SendMessage.builder().chatId(supergroup).text("x").build()).getChat().getType())
                .isEqualTo("supergroup");
    }

    @Test
    void badHtml() {
        long user = control.privateChat("Html");

        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).parseMode("HTML")
                        .text("a <x>b</x>").build())),
                400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 2");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).parseMode("HTML")
                        .text("<b>bold").build())),
                400, "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).parseMode("HTML")
                        .text("签<b><i>x</b></i>").build())),
                400, "Bad Request: can't parse entities: Unmatched end tag at byte offset 10, expected \"</i>\", found \"</b>\"");
        assertRefusal(refusal(() -> telegram.execute(SendMessage.builder().chatId(user).parseMode("HTML")
                        .text("1 < 2").build())),
                400, "Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2");
    }

    @Test
    void captionTooLong() {
        long user = control.privateChat("Caption");

        assertRefusal(refusal(() -> telegram.execute(SendDocument.builder().chatId(user)
                        .document(new InputFile(new java.io.ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), "a.txt"))
                        .caption("c".repeat(1025)).build())),
                400, "Bad Request: message caption is too long");
    }

    @Test
    void webhookUrlAndSecret() {
        // TelegramBots checks the secret itself; a client that does not meets the Bot API's refusal
        ControlApi.Response badSecret = botApi("setWebhook", ControlApi.json().put("url", "http://127.0.0.1:1/hook")
                .put("secret_token", "not secret!"));
        ControlApi.Response plainHttp = botApi("setWebhook", ControlApi.json().put("url", "http://example.org/hook"));
        ControlApi.Response oddPort = botApi("setWebhook", ControlApi.json().put("url", "https://example.org:9000/hook"));

        assertThat(badSecret.status()).isEqualTo(400);
        assertThat(badSecret.body().get("description").asString())
                .isEqualTo("Bad Request: secret token contains unallowed characters");
        assertThat(plainHttp.body().get("description").asString())
                .isEqualTo("Bad Request: bad webhook: HTTPS url must be provided for webhook");
        assertThat(oddPort.body().get("description").asString())
                .isEqualTo("Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
        assertThat(botApi("getWebhookInfo", ControlApi.json()).body().get("result").get("url").asString()).isEmpty();
    }

    @Test
    void tokenAndMethod() {
        ControlApi.Response wrongToken = control.call("POST", "/bot1000000001:wrong/getMe", ControlApi.json());
        ControlApi.Response noMethod = botApi("sendPigeon", ControlApi.json());

        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(wrongToken.body().toString()).isEqualTo("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        assertThat(noMethod.status()).isEqualTo(404);
        assertThat(noMethod.body().get("description").asString()).isEqualTo("Not Found: method not found");
    }

    @Test
    void formQueryAndMultipartParametersAreAccepted() {
        long user = control.privateChat("Form");
        String markup = "{\"inline_keyboard\":[[{\"text\":\"Go\",\"callback_data\":\"go\"}]]}";

        ControlApi.Response viaQuery = control.call("GET", "/bot" + TOKEN + "/sendMessage?chat_id=" + user + "&text=hi", null);
        ControlApi.Response viaForm = control.raw("/bot" + TOKEN + "/sendmessage", "application/x-www-form-urlencoded",
                ("chat_id=" + user + "&text=" + URLEncoder.encode("签到 <b>now</b>", StandardCharsets.UTF_8)
                        + "&parse_mode=HTML&reply_markup=" + URLEncoder.encode(markup, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        String boundary = "sandbox-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n" + user
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"reply_markup\"\r\n\r\n" + markup
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"roster.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nLin\nWang\r\n--" + boundary + "--\r\n";
        ControlApi.Response viaMultipart = control.raw("/bot" + TOKEN + "/sendDocument",
                "multipart/form-data; boundary=" + boundary, multipart.getBytes(StandardCharsets.UTF_8));

        assertThat(viaQuery.status()).isEqualTo(200);
        assertThat(viaQuery.body().get("result").get("text").asString()).isEqualTo("hi");
        assertThat(viaForm.status()).isEqualTo(200);
        assertThat(viaForm.body().get("result").get("text").asString()).isEqualTo("签到 now");
        assertThat(viaForm.body().get("result").get("reply_markup").toString()).isEqualTo(markup);
        assertThat(viaMultipart.status()).isEqualTo(200);
        assertThat(viaMultipart.body().get("result").get("document").get("mime_type").asString()).isEqualTo("text/plain");
        assertThat(viaMultipart.body().get("result").get("reply_markup").toString()).isEqualTo(markup);
    }

    private ControlApi.Response botApi(String method, JsonNode body) {
        return control.call("POST", "/bot" + TOKEN + "/" + method, body);
    }
}
