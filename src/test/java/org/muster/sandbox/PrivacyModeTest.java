package org.muster.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** In groups, privacy mode lets through only what is meant for the bot; the transcript keeps all. */
class PrivacyModeTest extends SandboxTestBase {

    @AfterEach
    void privacyBackOn() {
        control.post("/sandbox/api/settings", ControlApi.json().put("privacy_mode", true));
    }

    @Test
    void onlyWhatIsMeantForTheBotReachesIt() throws Exception {
        long member = control.user("Private");
        long group = control.group("group", "Quiet", member);
        drainUpdates();
        Message prompt = telegram.execute(SendMessage.builder().chatId(group).text("Anyone?").build());

        assertThat(control.say(group, member, "just chatting").get("update_id").isNull()).isTrue();
        assertThat(control.say(group, member, "/help").get("update_id").isNull()).isFalse();
        assertThat(control.say(group, member, "/help@other_bot").get("update_id").isNull()).isTrue();
        assertThat(control.say(group, member, "/help@muster_sandbox_bot").get("update_id").isNull()).isFalse();
        assertThat(control.say(group, member, "hey @muster_sandbox_bot").get("update_id").isNull()).isFalse();
        assertThat(control.post("/sandbox/api/messages", ControlApi.json().put("chat_id", group).put("from", member)
                .put("text", "me").put("reply_to_message_id", prompt.getMessageId())).get("update_id").isNull()).isFalse();

        JsonNode transcript = control.transcript(group);
        assertThat(transcript).hasSize(8);
        assertThat(transcript.get(2).get("text").asString()).isEqualTo("just chatting");
        assertThat(transcript.get(2).get("delivered").asBoolean()).isFalse();
        assertThat(updates()).extracting(update -> update.getMessage().getText())
                .containsExactly("/help", "/help@muster_sandbox_bot", "hey @muster_sandbox_bot", "me");
    }

    @Test
    void anAdministratorBotOrPrivacyOffSeesEverything() {
        long member = control.user("Open");
        long adminGroup = control.post("/sandbox/api/chats", ControlApi.json().put("type", "supergroup")
                .put("title", "Admin bot").<JsonNode>set("members", ControlApi.ids(member)).put("bot_admin", true))
                .get("id").asLong();
        long group = control.group("group", "Plain", member);

        assertThat(control.say(adminGroup, member, "just chatting").get("update_id").isNull()).isFalse();
        assertThat(control.say(group, member, "just chatting").get("update_id").isNull()).isTrue();

        control.post("/sandbox/api/settings", ControlApi.json().put("privacy_mode", false));
        assertThat(control.say(group, member, "just chatting").get("update_id").isNull()).isFalse();
        assertThat(control.get("/sandbox/api/bot").get("privacy_mode").asBoolean()).isFalse();
    }

    @Test
    void serviceMessagesAlwaysReachTheBot() {
        long member = control.user("Service");
        long newcomer = control.user("Joiner");
        long group = control.group("group", "Joins", member);

        control.post("/sandbox/api/chats/" + group + "/members", ControlApi.json().put("user_id", newcomer));

        JsonNode joined = control.lastMessage(group);
        assertThat(joined.get("service").asString()).isEqualTo("new_chat_members");
        assertThat(joined.get("delivered").asBoolean()).isTrue();
    }
}
