package org.muster.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.GetMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatAdministrators;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMemberCount;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.ChatFullInfo;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberAdministrator;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberOwner;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllPrivateChats;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sandbox.ControlApi.json;

/** The TelegramBots client, as Muster uses it, against the emulator: every object must parse. */
class TelegramClientRoundTripTest extends SandboxTestBase {

    @Test
    void getMeDescribesTheSandboxBot() throws Exception {
        User me = telegram.execute(new GetMe());

        assertThat(me.getId()).isEqualTo(BOT_ID);
        assertThat(me.getIsBot()).isTrue();
        assertThat(me.getUserName()).isEqualTo("muster_sandbox_bot");
        assertThat(me.getFirstName()).isEqualTo("Muster");
        assertThat(me.getCanReadAllGroupMessages()).isFalse();
    }

    @Test
    void aCommandArrivesWithItsBotCommandEntity() throws Exception {
        long user = control.privateChat("Lin");
        assertThat(updates()).as("opening a private chat tells the bot nothing").isEmpty();

        JsonNode posted = control.say(user, user, "/start signup");
        List<Update> updates = updates();

        assertThat(updates).hasSize(1);
        Update update = updates.get(0);
        assertThat(update.getUpdateId()).isEqualTo(posted.get("update_id").asInt());
        Message message = update.getMessage();
        assertThat(message.getMessageId()).isEqualTo(posted.get("message_id").asInt());
        assertThat(message.getFrom().getId()).isEqualTo(user);
        assertThat(message.getFrom().getLanguageCode()).isEqualTo("en");
        assertThat(message.getChat().getId()).isEqualTo(user);
        assertThat(message.getChat().getType()).isEqualTo("private");
        assertThat(message.getText()).isEqualTo("/start signup");
        assertThat(message.getEntities()).singleElement().satisfies(entity -> {
            assertThat(entity.getType()).isEqualTo("bot_command");
            assertThat(entity.getOffset()).isZero();
            assertThat(entity.getLength()).isEqualTo(6);
        });
        assertThat(message.isCommand()).isTrue();
    }

    @Test
    void aCommandAddressedToTheBotCoversItsUsername() throws Exception {
        long user = control.user("Zhao");
        long group = control.group("group", "Team A", user);
        drainUpdates();

        control.say(group, user, "/checkin@muster_sandbox_bot now");

        Message message = updates().get(0).getMessage();
        assertThat(message.getEntities().get(0).getLength()).isEqualTo("/checkin@muster_sandbox_bot".length());
        assertThat(message.getChat().getType()).isEqualTo("group");
        assertThat(message.getChat().getTitle()).isEqualTo("Team A");
    }

    @Test
    void inlineKeyboardCallbackAndAnswer() throws Exception {
        long user = control.privateChat("Wang");
        InlineKeyboardMarkup keyboard = InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(
                        InlineKeyboardButton.builder().text("I'll go").callbackData("enrol:42").build(),
                        InlineKeyboardButton.builder().text("Details").url("https://example.org/call/42").build()))
                .build();

        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("Recruitment call: site 42")
                .replyMarkup(keyboard).build());

        assertThat(sent.getFrom().getIsBot()).isTrue();
        assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(0).getCallbackData()).isEqualTo("enrol:42");
        assertThat(control.lastMessage(user).get("reply_markup").get("inline_keyboard").get(0).get(1).get("url").asString())
                .isEqualTo("https://example.org/call/42");

        JsonNode pressed = control.post("/sandbox/api/callbacks", json().put("chat_id", user).put("from", user)
                .put("message_id", sent.getMessageId()).put("button_text", "I'll go"));
        Update update = updates().get(0);

        assertThat(update.getCallbackQuery().getId()).isEqualTo(pressed.get("callback_query_id").asString());
        assertThat(update.getCallbackQuery().getData()).isEqualTo("enrol:42");
        assertThat(update.getCallbackQuery().getFrom().getId()).isEqualTo(user);
        assertThat(update.getCallbackQuery().getChatInstance()).isNotBlank();
        assertThat(((Message) update.getCallbackQuery().getMessage()).getMessageId()).isEqualTo(sent.getMessageId());

        Boolean answered = telegram.execute(AnswerCallbackQuery.builder().callbackQueryId(update.getCallbackQuery().getId())
                .text("You are enrolled").build());
        assertThat(answered).isTrue();
        JsonNode answer = control.get("/sandbox/api/callbacks/" + update.getCallbackQuery().getId());
        assertThat(answer.get("answered").asBoolean()).isTrue();
        assertThat(answer.get("text").asString()).isEqualTo("You are enrolled");
        assertThat(answer.get("show_alert").asBoolean()).isFalse();
        assertThat(answer.get("url").isNull()).isTrue();

        assertThat(refusal(() -> telegram.execute(AnswerCallbackQuery.builder()
                .callbackQueryId(update.getCallbackQuery().getId()).build())).getApiResponse())
                .isEqualTo("Bad Request: query is too old and response timeout expired or query ID is invalid");
    }

    @Test
    void editMessageTextChangesTheTranscript() throws Exception {
        long user = control.privateChat("Chen");
        Message sent = telegram.execute(SendMessage.builder().chatId(user).text("Step 1 of 3").build());

        var edited = telegram.execute(EditMessageText.builder().chatId(user).messageId(sent.getMessageId())
                .text("Step <b>2</b> of 3").parseMode("HTML").build());

        assertThat(edited).isInstanceOf(Message.class);
        Message message = (Message) edited;
        assertThat(message.getText()).isEqualTo("Step 2 of 3");
        assertThat(message.getEditDate()).isNotNull();
        assertThat(message.getEntities()).singleElement().satisfies(entity -> {
            assertThat(entity.getType()).isEqualTo("bold");
            assertThat(entity.getOffset()).isEqualTo(5);
            assertThat(entity.getLength()).isEqualTo(1);
        });
        JsonNode last = control.lastMessage(user);
        assertThat(last.get("text").asString()).isEqualTo("Step 2 of 3");
        assertThat(last.get("edited").asBoolean()).isTrue();
        assertThat(last.get("from").asString()).isEqualTo("bot");
    }

    @Test
    void replyKeyboardWithRequestContactAndTheSharedContact() throws Exception {
        long user = control.privateChat("Liu");
        KeyboardButton share = KeyboardButton.builder().text("Share my phone number").requestContact(true).build();
        telegram.execute(SendMessage.builder().chatId(user).text("Your phone number, please")
                .replyMarkup(ReplyKeyboardMarkup.builder().keyboardRow(new KeyboardRow(share)).resizeKeyboard(true)
                        .oneTimeKeyboard(true).build())
                .build());

        JsonNode markup = control.lastMessage(user).get("reply_markup");
        assertThat(markup.get("keyboard").get(0).get(0).get("request_contact").asBoolean()).isTrue();
        assertThat(markup.get("one_time_keyboard").asBoolean()).isTrue();

        control.post("/sandbox/api/messages", json().put("chat_id", user).put("from", user)
                .set("contact", json().put("phone_number", "+8613800000000").put("user_id", user)));
        Message message = updates().get(0).getMessage();

        assertThat(message.hasContact()).isTrue();
        assertThat(message.getContact().getPhoneNumber()).isEqualTo("+8613800000000");
        assertThat(message.getContact().getFirstName()).isEqualTo("Liu");
        assertThat(message.getContact().getUserId()).isEqualTo(user);
    }

    @Test
    void forceReplyAndTheAnswerToIt() throws Exception {
        long user = control.user("Sun");
        long group = control.group("group", "Team B", user);
        drainUpdates();
        Message prompt = telegram.execute(SendMessage.builder().chatId(group).text("How many hours?")
                .replyMarkup(ForceReplyKeyboard.builder().forceReply(true).selective(true)
                        .inputFieldPlaceholder("e.g. 4").build())
                .build());
        JsonNode markup = control.lastMessage(group).get("reply_markup");
        assertThat(markup.get("force_reply").asBoolean()).isTrue();
        assertThat(markup.get("selective").asBoolean()).isTrue();
        assertThat(markup.get("input_field_placeholder").asString()).isEqualTo("e.g. 4");

        control.post("/sandbox/api/messages", json().put("chat_id", group).put("from", user).put("text", "4")
                .put("reply_to_message_id", prompt.getMessageId()));
        Message answer = updates().get(0).getMessage();

        assertThat(answer.getText()).isEqualTo("4");
        assertThat(answer.getReplyToMessage().getMessageId()).isEqualTo(prompt.getMessageId());
        assertThat(answer.getReplyToMessage().getText()).isEqualTo("How many hours?");
        assertThat(answer.getReplyToMessage().getFrom().getIsBot()).isTrue();
    }

    @Test
    void locationArrives() throws Exception {
        long user = control.privateChat("Gao");
        control.post("/sandbox/api/messages", json().put("chat_id", user).put("from", user)
                .set("location", json().put("latitude", 32.06).put("longitude", 118.79)));

        Message message = updates().get(0).getMessage();
        assertThat(message.getLocation().getLatitude()).isEqualTo(32.06);
        assertThat(message.getLocation().getLongitude()).isEqualTo(118.79);
    }

    @Test
    void sendDocumentKeepsTheBytes() throws Exception {
        long user = control.privateChat("Zhou");
        byte[] csv = "name,hours\nLin,4\n".getBytes(StandardCharsets.UTF_8);

        Message sent = telegram.execute(SendDocument.builder().chatId(user)
                .document(new InputFile(new ByteArrayInputStream(csv), "hours.csv"))
                .caption("Hours of <b>May</b>").parseMode("HTML").build());

        assertThat(sent.getDocument().getFileName()).isEqualTo("hours.csv");
        assertThat(sent.getDocument().getMimeType()).isEqualTo("text/csv");
        assertThat(sent.getDocument().getFileSize()).isEqualTo(csv.length);
        assertThat(sent.getCaption()).isEqualTo("Hours of May");
        assertThat(sent.getCaptionEntities()).extracting(MessageEntity::getType).containsExactly("bold");
        JsonNode document = control.lastMessage(user).get("document");
        assertThat(document.get("file_name").asString()).isEqualTo("hours.csv");
        assertThat(control.bytes(document.get("url").asString())).isEqualTo(csv);

        Message again = telegram.execute(SendDocument.builder().chatId(user)
                .document(new InputFile(sent.getDocument().getFileId())).build());
        assertThat(again.getDocument().getFileId()).isEqualTo(sent.getDocument().getFileId());
    }

    @Test
    void commandsPerScopeAndLanguage() throws Exception {
        long user = control.user("He");
        long group = control.group("group", "Team C", user);
        List<BotCommand> privateCommands = List.of(new BotCommand("start", "Start"), new BotCommand("signup", "Sign up"));

        assertThat(telegram.execute(SetMyCommands.builder().commands(privateCommands)
                .scope(new BotCommandScopeAllPrivateChats()).languageCode("en").build())).isTrue();
        assertThat(telegram.execute(SetMyCommands.builder().commands(List.of(new BotCommand("checkin", "签到")))
                .scope(new BotCommandScopeChat(Long.toString(group))).build())).isTrue();

        assertThat(telegram.execute(GetMyCommands.builder().scope(new BotCommandScopeAllPrivateChats()).languageCode("en")
                .build())).extracting(BotCommand::getCommand).containsExactly("start", "signup");
        assertThat(telegram.execute(GetMyCommands.builder().scope(new BotCommandScopeAllPrivateChats()).build())).isEmpty();
        assertThat(telegram.execute(GetMyCommands.builder().scope(new BotCommandScopeChat(Long.toString(group))).build()))
                .extracting(BotCommand::getDescription).containsExactly("签到");
        assertThat(control.get("/sandbox/api/bot").get("commands").toString()).contains("\"signup\"");

        assertThat(telegram.execute(DeleteMyCommands.builder().scope(new BotCommandScopeAllPrivateChats())
                .languageCode("en").build())).isTrue();
        assertThat(telegram.execute(GetMyCommands.builder().scope(new BotCommandScopeAllPrivateChats()).languageCode("en")
                .build())).isEmpty();
    }

    @Test
    void aNewGroupSendsMyChatMemberAndGroupChatCreated() throws Exception {
        long creator = control.user("Ma");
        long member = control.user("Hu");
        long group = control.post("/sandbox/api/chats", json().put("type", "group").put("title", "Street 3")
                .<JsonNode>set("members", ControlApi.ids(creator, member)).set("admins", ControlApi.ids(member)))
                .get("id").asLong();

        List<Update> updates = updates();

        assertThat(group).isNegative();
        assertThat(updates).hasSize(2);
        ChatMemberUpdated joined = updates.get(0).getMyChatMember();
        assertThat(joined.getChat().getId()).isEqualTo(group);
        assertThat(joined.getFrom().getId()).isEqualTo(creator);
        assertThat(joined.getOldChatMember().getStatus()).isEqualTo("left");
        assertThat(joined.getNewChatMember().getStatus()).isEqualTo("member");
        assertThat(joined.getNewChatMember().getUser().getId()).isEqualTo(BOT_ID);
        assertThat(updates.get(1).getMessage().getGroupchatCreated()).isTrue();
        assertThat(updates.get(0).getUpdateId()).isLessThan(updates.get(1).getUpdateId());

        ChatMember owner = telegram.execute(GetChatMember.builder().chatId(group).userId(creator).build());
        ChatMember admin = telegram.execute(GetChatMember.builder().chatId(group).userId(member).build());
        ChatMember bot = telegram.execute(GetChatMember.builder().chatId(group).userId(BOT_ID).build());
        assertThat(owner).isInstanceOf(ChatMemberOwner.class);
        assertThat(admin).isInstanceOf(ChatMemberAdministrator.class);
        assertThat(bot).isInstanceOf(ChatMemberMember.class);
        assertThat(telegram.execute(GetChatAdministrators.builder().chatId(group).build()))
                .extracting(m -> m.getUser().getId()).containsExactly(creator, member);
        assertThat(telegram.execute(GetChatMemberCount.builder().chatId(group).build())).isEqualTo(3);
        ChatFullInfo info = telegram.execute(GetChat.builder().chatId(group).build());
        assertThat(info.getTitle()).isEqualTo("Street 3");
        assertThat(info.getType()).isEqualTo("group");
    }

    @Test
    void addingAnAdminBotLaterSendsNewChatMembers() throws Exception {
        long creator = control.user("Qian");
        long group = control.group("supergroup", "District", creator);
        control.call("DELETE", "/sandbox/api/chats/" + group + "/members/bot", null);
        drainUpdates();

        control.post("/sandbox/api/chats/" + group + "/members", json().put("user_id", "bot").put("admin", true));
        List<Update> updates = updates();

        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getMyChatMember().getOldChatMember().getStatus()).isEqualTo("kicked");
        assertThat(updates.get(0).getMyChatMember().getNewChatMember()).isInstanceOf(ChatMemberAdministrator.class);
        assertThat(updates.get(1).getMessage().getNewChatMembers()).extracting(User::getId).containsExactly(BOT_ID);
        assertThat(String.valueOf(group)).startsWith("-100");
    }

    @Test
    void htmlBecomesTextAndEntities() throws Exception {
        long user = control.privateChat("Xu");

        Message sent = telegram.execute(SendMessage.builder().chatId(user).parseMode("HTML")
                .text("<b>签到</b> 😀 &lt;ok&gt; <a href=\"https://example.com\">site</a> /help").build());

        assertThat(sent.getText()).isEqualTo("签到 😀 <ok> site /help");
        assertThat(sent.getEntities()).extracting(MessageEntity::getType, MessageEntity::getOffset, MessageEntity::getLength)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bold", 0, 2),
                        org.assertj.core.groups.Tuple.tuple("text_link", 11, 4),
                        org.assertj.core.groups.Tuple.tuple("bot_command", 16, 5));
        assertThat(sent.getEntities().get(1).getUrl()).isEqualTo("https://example.com/");
    }
}
