package org.muster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.support.EndToEndTest;
import org.muster.support.SandboxClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A newcomer's first minutes, through the real path: control API → emulator → getUpdates →
 * dispatcher → flow engine → sender → emulator → transcript.
 */
@EndToEndTest
class FirstStepsEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private SandboxClient sandbox;
    private long user;
    private long chat;

    @BeforeEach
    void newUser() {
        sandbox = new SandboxClient(port);
        user = sandbox.createUser("Wei", "zh-hans");
        chat = sandbox.privateChat(user);
    }

    private List<JsonNode> send(String text) {
        int id = sandbox.say(chat, user, text);
        return sandbox.botMessagesUntil(chat, id, Duration.ofSeconds(10), list -> !list.isEmpty());
    }

    private JsonNode sendAndGetOne(String text) {
        return send(text).get(0);
    }

    @Test
    void startGreetsInChineseAndListsTheCommands() {
        int id = sandbox.say(chat, user, "/start");
        List<JsonNode> replies = sandbox.botMessagesUntil(chat, id, Duration.ofSeconds(10), list -> list.size() >= 2);

        assertThat(replies.get(0).path("text").asString()).startsWith("你好，Wei！");
        assertThat(replies.get(1).path("text").asString()).contains("你可以使用的命令", "/help", "/lang", "/cancel", "/start")
                .doesNotContain("/boom");
    }

    @Test
    void helpByCommandAndByKeyword() {
        assertThat(sendAndGetOne("/help").path("text").asString()).contains("/lang — 切换语言");
        assertThat(sendAndGetOne("帮助").path("text").asString()).contains("/lang — 切换语言");
    }

    @Test
    void langByButtonSwitchesToEnglishAndIsStored() {
        JsonNode question = sendAndGetOne("/lang");
        assertThat(SandboxClient.buttonData(question)).containsExactly("lang:zh", "lang:en");

        String callback = sandbox.pressLabel(chat, user, question.path("message_id").asInt(), "English");
        List<JsonNode> answer = sandbox.botMessagesUntil(chat, question.path("message_id").asInt(), Duration.ofSeconds(10),
                list -> !list.isEmpty());

        assertThat(answer.get(0).path("text").asString()).isEqualTo("OK, I will talk to you in English from now on.");
        assertThat(sandbox.callback(callback).path("answered").asBoolean()).isTrue();
        assertThat(sandbox.callback(callback).path("text").asString()).isEqualTo("Switched to English");
        assertThat(sandbox.messages(chat, 0).stream().filter(m -> m.path("message_id").asInt() == question.path("message_id").asInt())
                .findFirst().orElseThrow().path("reply_markup").path("inline_keyboard").isEmpty())
                .as("the question's buttons are gone").isTrue();
        assertThat(jdbc.sql("select language from user_setting where user_id = :u").param("u", user).query(String.class).single())
                .isEqualTo("en");
        assertThat(sendAndGetOne("/help").path("text").asString()).contains("Commands you can use", "/lang — Change language");
    }

    @Test
    void langByTypingAndByArgument() {
        sendAndGetOne("/lang");
        assertThat(sendAndGetOne("english").path("text").asString()).isEqualTo("OK, I will talk to you in English from now on.");
        assertThat(sendAndGetOne("/lang 中文").path("text").asString()).isEqualTo("好的，以后我将用中文与你交流。");
    }

    @Test
    void wrongAnswersArePromptedAgainThenTheConversationGivesUp() {
        sendAndGetOne("/lang");
        assertThat(sendAndGetOne("Klingon").path("text").asString()).isEqualTo("请选择“中文”或“English”。");
        sendAndGetOne("Elvish");
        assertThat(sendAndGetOne("Dothraki").path("text").asString()).startsWith("输入多次无效，操作已结束。");
        assertThat(sendAndGetOne("English").path("text").asString()).as("no conversation any more").startsWith("没听懂");
    }

    @Test
    void cancelEndsTheConversationByCommandOrKeyword() {
        sendAndGetOne("/lang");
        assertThat(sendAndGetOne("/cancel").path("text").asString()).isEqualTo("已取消，没有保存任何未完成的内容。");
        assertThat(sendAndGetOne("取消").path("text").asString()).isEqualTo("当前没有进行中的操作。");
        assertThat(jdbc.sql("select count(*) from user_setting where user_id = :u and language is not null").param("u", user).query(Integer.class).single()).isZero();
    }

    @Test
    void aButtonOfAFinishedConversationNoLongerWorks() {
        JsonNode question = sendAndGetOne("/lang");
        sendAndGetOne("/cancel");

        String callback = sandbox.press(chat, user, question.path("message_id").asInt(), "lang:en");

        assertThat(waitAnswered(callback).path("text").asString()).isEqualTo("这个按钮已失效，请重新发送命令。");
    }

    @Test
    void unknownCommandsAndChatterGetAClearAnswer() {
        assertThat(sendAndGetOne("/frobnicate").path("text").asString()).isEqualTo("没有 /frobnicate 这个命令。发送 /help 查看可用命令。");
        assertThat(sendAndGetOne("hello?").path("text").asString()).startsWith("没听懂这条消息");
    }

    @Test
    void aFailingHandlerIsAnsweredOnceAndTheNextUpdateStillWorks() {
        List<JsonNode> replies = send("/boom");
        assertThat(SandboxClient.texts(replies)).containsExactly("出了点问题，请稍后再试。");

        assertThat(sendAndGetOne("/help").path("text").asString()).contains("/lang");
    }

    @Test
    void anErrorInAHandlerIsAnsweredAndAPressedButtonStopsSpinning() {
        assertThat(SandboxClient.texts(send("/boomerror"))).containsExactly("出了点问题，请稍后再试。");

        int help = sandbox.say(chat, user, "/help");
        int message = sandbox.nextBotMessage(chat, help).path("message_id").asInt();
        String callback = sandbox.press(chat, user, message, "boom:1");
        assertThat(waitAnswered(callback).path("text").asString()).isEqualTo("出了点问题，请稍后再试。");
        assertThat(volunteering().next(chat, message, "出了点问题").path("text").asString()).isEqualTo("出了点问题，请稍后再试。");
        assertThat(sendAndGetOne("/help").path("text").asString()).contains("/lang");
    }

    @Test
    void aHugeMessageIsRefusedByTheEmulatorLikeTelegramAndA4096CharacterOneIsAnswered() {
        assertThat(sendAndGetOne("x".repeat(4096)).path("text").asString()).startsWith("没听懂");
    }

    private org.muster.support.Volunteering volunteering() {
        return new org.muster.support.Volunteering(sandbox);
    }

    private JsonNode waitAnswered(String callback) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode state = sandbox.callback(callback);
        while (!state.path("answered").asBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            state = sandbox.callback(callback);
        }
        return state;
    }
}
