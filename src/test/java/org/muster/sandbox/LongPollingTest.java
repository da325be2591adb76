package org.muster.sandbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** getUpdates as Telegram serves it: held while empty, offsets confirm, one poller at a time. */
class LongPollingTest extends SandboxTestBase {

    @Test
    void anEmptyPollIsHeldForItsTimeout() throws Exception {
        long started = System.nanoTime();

        List<Update> updates = updates(2);

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(updates).isEmpty();
        assertThat(millis).isBetween(1800L, 6000L);
    }

    @Test
    void aHeldPollIsAnsweredWhenAnUpdateArrives() throws Exception {
        long user = control.privateChat("Poll");
        CompletableFuture<List<Update>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return updates(20);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        control.awaitHeld("get_updates", 1);
        assertThat(poll).isNotDone();

        control.say(user, user, "hello");

        List<Update> updates = poll.get(5, TimeUnit.SECONDS);
        assertThat(updates).singleElement().satisfies(update -> assertThat(update.getMessage().getText()).isEqualTo("hello"));
    }

    @Test
    void anOffsetConfirmsEarlierUpdates() throws Exception {
        long user = control.privateChat("Offset");
        int first = control.say(user, user, "one").get("update_id").asInt();
        int second = control.say(user, user, "two").get("update_id").asInt();
        int third = control.say(user, user, "three").get("update_id").asInt();
        assertThat(second).isEqualTo(first + 1);

        List<Update> unconfirmed = telegram.execute(GetUpdates.builder().timeout(0).build());
        List<Update> again = telegram.execute(GetUpdates.builder().timeout(0).build());
        List<Update> limited = telegram.execute(GetUpdates.builder().offset(second).limit(1).timeout(0).build());
        List<Update> rest = telegram.execute(GetUpdates.builder().offset(second).timeout(0).build());
        List<Update> lastOnly = telegram.execute(GetUpdates.builder().offset(-1).timeout(0).build());

        assertThat(unconfirmed).extracting(Update::getUpdateId).containsExactly(first, second, third);
        assertThat(again).extracting(Update::getUpdateId).containsExactly(first, second, third);
        assertThat(limited).extracting(Update::getUpdateId).containsExactly(second);
        assertThat(rest).extracting(Update::getUpdateId).containsExactly(second, third);
        assertThat(lastOnly).extracting(Update::getUpdateId).containsExactly(third);
        assertThat(telegram.execute(GetUpdates.builder().offset(third + 1).timeout(0).build())).isEmpty();
        assertThat(telegram.execute(GetUpdates.builder().timeout(0).build())).isEmpty();
    }

    @Test
    void updateIdsStartHighAndRise() {
        long user = control.privateChat("Ids");

        int id = control.say(user, user, "x").get("update_id").asInt();

        assertThat(id).isGreaterThan(100_000_000);
    }

    @Test
    void aSecondPollerEndsTheFirstWith409() throws Exception {
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
            try {
                telegram.execute(GetUpdates.builder().timeout(20).build());
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        control.awaitHeld("get_updates", 1);

        List<Update> second = telegram.execute(GetUpdates.builder().timeout(0).build());

        Throwable refusal = first.get(5, TimeUnit.SECONDS);
        assertThat(second).isEmpty();
        assertThat(refusal).isInstanceOf(TelegramApiRequestException.class);
        assertThat(((TelegramApiRequestException) refusal).getErrorCode()).isEqualTo(409);
        assertThat(((TelegramApiRequestException) refusal).getApiResponse())
                .isEqualTo("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    }

    @Test
    void allowedUpdatesAreRememberedAndFilterNewUpdates() throws Exception {
        long creator = control.user("Allowed");
        long newcomer = control.user("Newcomer");
        long group = control.post("/sandbox/api/chats", ControlApi.json().put("type", "group").put("title", "Admins")
                .<JsonNode>set("members", ControlApi.ids(creator)).put("bot_admin", true)).get("id").asLong();
        drainUpdates();

        control.post("/sandbox/api/chats/" + group + "/members", ControlApi.json().put("user_id", newcomer));
        List<Update> byDefault = updates();
        assertThat(byDefault).as("chat_member is not sent unless asked for").hasSize(1);
        assertThat(byDefault.get(0).getMessage().getNewChatMembers()).hasSize(1);

        assertThat(updates()).isEmpty();
        // TelegramBots always sends allowed_updates (empty: the default set), so this part speaks raw JSON
        getUpdates(ControlApi.json().put("timeout", 0).set("allowed_updates", SandboxJson.array().add("chat_member").add("message")));
        control.ok("DELETE", "/sandbox/api/chats/" + group + "/members/" + newcomer, null);
        JsonNode asked = getUpdates(ControlApi.json().put("timeout", 0)).get("result");
        getUpdates(ControlApi.json().put("offset", -1).set("allowed_updates", SandboxJson.array()));

        assertThat(asked).hasSize(2);
        Update memberLeft = new ObjectMapper().readValue(asked.get(0).toString(), Update.class);
        assertThat(memberLeft.getChatMember().getNewChatMember().getStatus()).isEqualTo("left");
        assertThat(memberLeft.getChatMember().getOldChatMember().getUser().getId()).isEqualTo(newcomer);
        assertThat(asked.get(1).get("message").get("left_chat_member").get("id").asLong()).isEqualTo(newcomer);
    }

    private JsonNode getUpdates(JsonNode body) {
        return control.post("/bot" + TOKEN + "/getUpdates", body);
    }
}
