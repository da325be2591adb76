package org.muster.sandbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sandbox.ControlApi.ids;
import static org.muster.sandbox.ControlApi.json;

/** The control API's published paths, their answers and their refusals. */
class ControlApiTest extends SandboxTestBase {

    @Test
    void usersAreCreatedListedAndRefusedWithoutAName() {
        JsonNode chosen = control.post("/sandbox/api/users", json().put("id", 777000111L).put("first_name", "Fang")
                .put("last_name", "Li").put("username", "fangli").put("language_code", "zh"));
        long generated = control.user("Ning");

        assertThat(chosen.get("id").asLong()).isEqualTo(777000111L);
        assertThat(chosen.get("username").asString()).isEqualTo("fangli");
        assertThat(generated).isGreaterThan(1_000_000_000L);
        assertThat(control.get("/sandbox/api/users")).extracting(user -> user.get("id").asLong())
                .contains(777000111L, generated);
        ControlApi.Response nameless = control.call("POST", "/sandbox/api/users", json().put("username", "x"));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.body().get("error").asString()).isEqualTo("A user needs a first_name.");
    }

    @Test
    void chatsAreCreatedAndListed() {
        long user = control.user("Opener");
        JsonNode first = control.post("/sandbox/api/chats", json().put("type", "private").set("members", ids(user)));
        JsonNode again = control.post("/sandbox/api/chats", json().put("type", "private").set("members", ids(user)));
        long group = control.group("group", "Listed", user);

        assertThat(first.get("id").asLong()).isEqualTo(user);
        assertThat(again.get("id").asLong()).isEqualTo(user);
        JsonNode listed = control.get("/sandbox/api/chats/" + group);
        assertThat(listed.get("type").asString()).isEqualTo("group");
        assertThat(listed.get("title").asString()).isEqualTo("Listed");
        assertThat(listed.get("members")).extracting(JsonNode::asLong).containsExactly(user);
        assertThat(listed.get("bot_status").asString()).isEqualTo("member");
        assertThat(control.get("/sandbox/api/chats")).extracting(chat -> chat.get("id").asLong()).contains(user, group);
        assertThat(control.call("GET", "/sandbox/api/chats/-5", null).status()).isEqualTo(404);
        assertThat(control.call("POST", "/sandbox/api/chats", json().put("type", "channel")).status()).isEqualTo(400);
        assertThat(control.call("POST", "/sandbox/api/chats", json().put("type", "group").set("members", ids(424242L)))
                .status()).isEqualTo(404);
    }

    @Test
    void joiningAndLeavingAreServiceMessages() throws Exception {
        long creator = control.user("Host");
        long guest = control.user("Guest");
        long group = control.group("supergroup", "Doors", creator);
        drainUpdates();

        control.post("/sandbox/api/chats/" + group + "/members", json().put("user_id", guest));
        control.ok("DELETE", "/sandbox/api/chats/" + group + "/members/" + guest, null);

        List<Update> updates = updates();
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getMessage().getNewChatMembers()).extracting(user -> user.getId()).containsExactly(guest);
        assertThat(updates.get(1).getMessage().getLeftChatMember().getId()).isEqualTo(guest);
        JsonNode transcript = control.transcript(group);
        assertThat(transcript.get(transcript.size() - 2).get("service").asString()).isEqualTo("new_chat_members");
        assertThat(transcript.get(transcript.size() - 1).get("left_chat_member").asLong()).isEqualTo(guest);
        assertThat(control.call("DELETE", "/sandbox/api/chats/" + group + "/members/" + guest, null).status()).isEqualTo(404);
    }

    @Test
    void migrationMovesTheGroup() throws Exception {
        long creator = control.user("Mover");
        long group = control.group("group", "Growing", creator);
        drainUpdates();

        JsonNode supergroup = control.post("/sandbox/api/chats/" + group + "/migrate", null);

        long newId = supergroup.get("id").asLong();
        assertThat(String.valueOf(newId)).startsWith("-100");
        assertThat(supergroup.get("type").asString()).isEqualTo("supergroup");
        assertThat(supergroup.get("title").asString()).isEqualTo("Growing");
        assertThat(supergroup.get("members")).extracting(JsonNode::asLong).containsExactly(creator);
        assertThat(supergroup.get("migrated_from_chat_id").asLong()).isEqualTo(group);
        assertThat(control.get("/sandbox/api/chats/" + group).get("migrated_to_chat_id").asLong()).isEqualTo(newId);
        List<Update> updates = updates();
        assertThat(updates).extracting(update -> update.getMessage().getChat().getId()).containsExactly(group, newId);
        assertThat(updates.get(0).getMessage().getMigrateToChatId()).isEqualTo(newId);
        assertThat(updates.get(1).getMessage().getMigrateFromChatId()).isEqualTo(group);
        assertThat(control.call("POST", "/sandbox/api/messages", json().put("chat_id", group).put("from", creator)
                .put("text", "hi")).status()).isEqualTo(400);
    }

    @Test
    void blockingSendsMyChatMember() throws Exception {
        long user = control.privateChat("Blocker");

        control.post("/sandbox/api/chats/" + user + "/block", null);
        control.post("/sandbox/api/chats/" + user + "/unblock", null);

        List<Update> updates = updates();
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getMyChatMember().getNewChatMember().getStatus()).isEqualTo("kicked");
        assertThat(updates.get(0).getMyChatMember().getChat().getType()).isEqualTo("private");
        assertThat(updates.get(1).getMyChatMember().getNewChatMember().getStatus()).isEqualTo("member");
        assertThat(control.call("POST", "/sandbox/api/chats/-7/block", null).status()).isEqualTo(404);
    }

    @Test
    void postingMessages() throws Exception {
        long user = control.user("Writer");
        long outsider = control.user("Outsider");
        long group = control.group("group", "Members only", user);

        JsonNode opened = control.say(user, user, "hello");
        assertThat(opened.get("message_id").asInt()).isEqualTo(1);
        assertThat(opened.get("update_id").isNumber()).isTrue();
        assertThat(control.get("/sandbox/api/chats/" + user).get("type").asString()).isEqualTo("private");

        ControlApi.Response notMember = control.call("POST", "/sandbox/api/messages",
                json().put("chat_id", group).put("from", outsider).put("text", "let me in"));
        assertThat(notMember.status()).isEqualTo(403);
        assertThat(notMember.body().get("error").asString()).contains("not a member");
        assertThat(control.call("POST", "/sandbox/api/messages", json().put("chat_id", -99).put("from", user)
                .put("text", "x")).status()).isEqualTo(404);
        assertThat(control.call("POST", "/sandbox/api/messages", json().put("chat_id", group).put("from", 12345)
                .put("text", "x")).status()).isEqualTo(404);
        assertThat(control.call("POST", "/sandbox/api/messages", json().put("chat_id", group).put("from", user)
                .put("text", "x".repeat(4097))).status()).isEqualTo(400);
        assertThat(control.call("POST", "/sandbox/api/messages", json().put("chat_id", group).put("from", user)
                .put("text", "hi").put("reply_to_message_id", 999)).status()).isEqualTo(404);
    }

    @Test
    void mentionsAndCommandsGetEntities() {
        long user = control.privateChat("Entities");

        control.say(user, user, "/checkin for @some_volunteer #site3 https://t.me/x");

        JsonNode entities = control.lastMessage(user).get("entities");
        assertThat(entities).extracting(entity -> entity.get("type").asString())
                .containsExactly("bot_command", "mention", "hashtag", "url");
        assertThat(entities.get(1).get("offset").asInt()).isEqualTo(13);
        assertThat(entities.get(1).get("length").asInt()).isEqualTo("@some_volunteer".length());
    }

    @Test
    void callbacksFindButtonsByLabelOrTakeForgedData() throws Exception {
        long user = control.privateChat("Presser");
        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("Choose").replyMarkup(
                org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup.builder().keyboardRow(
                        new org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow(
                                org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton
                                        .builder().text("Yes").callbackData("yes").build())).build()).build());
        int userMessage = control.say(user, user, "mine").get("message_id").asInt();
        drainUpdates();

        ControlApi.Response missing = control.call("POST", "/sandbox/api/callbacks", json().put("chat_id", user)
                .put("from", user).put("message_id", sent.getMessageId()).put("button_text", "No"));
        JsonNode forged = control.post("/sandbox/api/callbacks", json().put("chat_id", user).put("from", user)
                .put("message_id", sent.getMessageId()).put("data", "admin:delete-all"));
        ControlApi.Response notBots = control.call("POST", "/sandbox/api/callbacks", json().put("chat_id", user)
                .put("from", user).put("message_id", userMessage).put("data", "x"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(notBots.status()).isEqualTo(400);
        assertThat(updates()).singleElement().satisfies(update ->
                assertThat(update.getCallbackQuery().getData()).isEqualTo("admin:delete-all"));
        JsonNode state = control.get("/sandbox/api/callbacks/" + forged.get("callback_query_id").asString());
        assertThat(state.get("answered").asBoolean()).isFalse();
        assertThat(control.call("GET", "/sandbox/api/callbacks/123", null).status()).isEqualTo(404);
    }

    @Test
    void aCallbackOlderThan150SecondsCannotBeAnswered() throws Exception {
        long user = control.privateChat("Slow");
        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("Choose").build());
        String id = control.post("/sandbox/api/callbacks", json().put("chat_id", user).put("from", user)
                .put("message_id", sent.getMessageId()).put("data", "late")).get("callback_query_id").asString();

        clock.advance(java.time.Duration.ofSeconds(151));

        assertThat(refusal(() -> telegram.execute(org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery.builder()
                .callbackQueryId(id).build())).getApiResponse())
                .isEqualTo("Bad Request: query is too old and response timeout expired or query ID is invalid");
    }

    @Test
    void waitHoldsUntilTheBotSpeaks() throws Exception {
        long user = control.privateChat("Waiter");
        int asked = control.say(user, user, "/start").get("message_id").asInt();
        int before = control.held("transcript_waits");
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() ->
                control.get("/sandbox/api/chats/" + user + "/messages/wait?after=" + asked + "&timeout=20"));
        control.awaitHeld("transcript_waits", before + 1);
        assertThat(waiting).isNotDone();

        telegram.execute(SendMessage.builder().chatId(user).text("Welcome").build());

        JsonNode answer = waiting.get(5, TimeUnit.SECONDS);
        assertThat(answer).extracting(message -> message.get("text").asString()).containsExactly("Welcome");
        assertThat(answer.get(0).get("from").asString()).isEqualTo("bot");
    }

    @Test
    void waitAnswersWithTheCurrentTranscriptAtItsTimeout() throws Exception {
        long user = control.privateChat("Patient");
        control.say(user, user, "anyone?");
        int before = control.held("transcript_waits");

        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() ->
                control.get("/sandbox/api/chats/" + user + "/messages/wait?after=0&timeout=3"));
        // held (the bot said nothing), then answered by its timeout alone: nothing else happens in this chat
        control.awaitHeld("transcript_waits", before + 1);
        JsonNode answer = waiting.get(10, TimeUnit.SECONDS);

        assertThat(answer).extracting(message -> message.get("text").asString()).containsExactly("anyone?");
        assertThat(answer.get(0).get("from").asLong()).isEqualTo(user);
    }

    @Test
    void botInfoAndSettings() {
        JsonNode bot = control.get("/sandbox/api/bot");
        JsonNode settings = control.post("/sandbox/api/settings", json());

        assertThat(bot.get("id").asLong()).isEqualTo(BOT_ID);
        assertThat(bot.get("username").asString()).isEqualTo("muster_sandbox_bot");
        assertThat(bot.get("flood_limits").get("private_burst").asInt()).isEqualTo(5);
        assertThat(bot.get("webhook").get("url").asString()).isEmpty();
        assertThat(settings.get("flood_limits").asBoolean()).isFalse();
        assertThat(settings.get("privacy_mode").asBoolean()).isTrue();
        assertThat(control.call("POST", "/sandbox/api/settings", json().put("privacy_mode", "maybe")).status())
                .isEqualTo(400);
        assertThat(control.call("GET", "/sandbox/api/files/nothing", null).status()).isEqualTo(404);
    }
}
