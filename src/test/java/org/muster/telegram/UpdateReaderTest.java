package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.muster.conversation.ChatKind;
import org.muster.conversation.Inbound;
import org.muster.conversation.MemberStatus;
import org.muster.conversation.Mention;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Updates as Telegram sends them (JSON), read into Muster's records. Each is read twice: as the
 * webhook reads it (the JSON tree of the body) and as polling does (the library's {@link Update},
 * turned into a tree); both must give the same record.
 */
class UpdateReaderTest {

    private static final long BOT = 1000000001L;
    private final UpdateReader reader = new UpdateReader(BOT, "muster_bot");
    private final ObjectMapper json = new ObjectMapper();

    private Optional<Inbound> read(String updateJson) throws Exception {
        String body = updateJson.replace('\'', '"');
        Optional<Inbound> fromBody = reader.read(json.readTree(body));
        Optional<Inbound> viaLibrary = reader.read(json.valueToTree(json.readValue(body, Update.class)));
        assertThat(viaLibrary).as("read through the library's Update").isEqualTo(fromBody);
        return fromBody;
    }

    private Inbound map(String updateJson) throws Exception {
        return read(updateJson).orElseThrow();
    }

    private static String message(String chat, String body) {
        return "{'update_id':500,'message':{'message_id':9,'date':1764554400,'from':{'id':77,'is_bot':false,'first_name':'Li','language_code':'en'},"
                + "'chat':" + chat + "," + body + "}}";
    }

    private static final String PRIVATE = "{'id':77,'type':'private','first_name':'Li'}";
    private static final String GROUP = "{'id':-1001234,'type':'supergroup','title':'Testing site 3'}";

    @Test
    void aCommandWithArgumentsAndOurBotsName() throws Exception {
        Inbound.Text text = (Inbound.Text) map(message(GROUP,
                "'text':'/bind@muster_bot  AB12 ','entities':[{'type':'bot_command','offset':0,'length':16}]"));

        assertThat(text.command().name()).isEqualTo("bind");
        assertThat(text.command().args()).isEqualTo("AB12");
        assertThat(text.command().explicit()).isTrue();
        assertThat(text.chat().kind()).isEqualTo(ChatKind.SUPERGROUP);
        assertThat(text.chat().title()).isEqualTo("Testing site 3");
        assertThat(text.from().languageCode()).isEqualTo("en");
    }

    @Test
    void aCommandForAnotherBotIsNotOurs() throws Exception {
        Inbound inbound = map(message(GROUP, "'text':'/start@other_bot','entities':[{'type':'bot_command','offset':0,'length':16}]"));

        assertThat(inbound).isInstanceOf(Inbound.Unsupported.class);
    }

    @Test
    void plainTextWithMentionsAndAReplyToTheBot() throws Exception {
        Inbound.Text text = (Inbound.Text) map(message(GROUP,
                "'text':'签到 @Wang_Fang 张伟','entities':[{'type':'mention','offset':3,'length':10},"
                        + "{'type':'text_mention','offset':14,'length':2,'user':{'id':88,'is_bot':false,'first_name':'伟'}}],"
                        + "'reply_to_message':{'message_id':5,'date':1764554000,'chat':" + GROUP + ",'from':{'id':" + BOT
                        + ",'is_bot':true,'first_name':'Muster','username':'muster_bot'},'text':'roll call'}"));

        assertThat(text.command()).isNull();
        assertThat(text.mentions()).containsExactly(new Mention(null, "wang_fang"), new Mention(88L, null));
        assertThat(text.replyToMessageId()).isEqualTo(5);
        assertThat(text.replyToBot()).isTrue();
        assertThat(text.replyToUserId()).isEqualTo(BOT);
    }

    @Test
    void aSharedContactKnowsWhetherItIsTheSendersOwn() throws Exception {
        Inbound.Contact own = (Inbound.Contact) map(message(PRIVATE,
                "'contact':{'phone_number':'+8613800138000','first_name':'Li','user_id':77}"));
        Inbound.Contact other = (Inbound.Contact) map(message(PRIVATE,
                "'contact':{'phone_number':'+8613900139000','first_name':'Wang','user_id':99}"));

        assertThat(own.isSendersOwn()).isTrue();
        assertThat(other.isSendersOwn()).isFalse();
        assertThat(own.toString()).doesNotContain("138");
    }

    @Test
    void aButtonPress() throws Exception {
        Inbound.Button button = (Inbound.Button) map("{'update_id':501,'callback_query':{'id':'cb1','chat_instance':'x',"
                + "'from':{'id':77,'is_bot':false,'first_name':'Li'},'data':'lang:en','message':{'message_id':12,'date':1764554400,"
                + "'chat':" + PRIVATE + ",'from':{'id':" + BOT + ",'is_bot':true,'first_name':'Muster'},'text':'choose'}}}");

        assertThat(button.callbackId()).isEqualTo("cb1");
        assertThat(button.messageId()).isEqualTo(12);
        assertThat(button.data()).isEqualTo("lang:en");
        assertThat(button.chat().id()).isEqualTo(77);
    }

    @Test
    void theBotAddedToAGroupAndTheGroupMigrating() throws Exception {
        Inbound.BotStatusChanged added = (Inbound.BotStatusChanged) map("{'update_id':502,'my_chat_member':{'chat':" + GROUP
                + ",'from':{'id':77,'is_bot':false,'first_name':'Li'},'date':1764554400,"
                + "'old_chat_member':{'status':'left','user':{'id':" + BOT + ",'is_bot':true,'first_name':'Muster'}},"
                + "'new_chat_member':{'status':'member','user':{'id':" + BOT + ",'is_bot':true,'first_name':'Muster'}}}}");
        Inbound.ChatMigrated migrated = (Inbound.ChatMigrated) map(message("{'id':-4321,'type':'group','title':'Old'}",
                "'migrate_to_chat_id':-1009876"));

        assertThat(added.before()).isEqualTo(MemberStatus.LEFT);
        assertThat(added.after()).isEqualTo(MemberStatus.MEMBER);
        assertThat(migrated.newChatId()).isEqualTo(-1009876L);
    }

    @Test
    void aStickerIsUnsupportedAndAnUpdateWithoutAChatIsNotForUs() throws Exception {
        assertThat(map(message(PRIVATE, "'sticker':{'file_id':'s','file_unique_id':'u','type':'regular','width':1,'height':1,'is_animated':false,'is_video':false}")))
                .isInstanceOf(Inbound.Unsupported.class);
        assertThat(read("{'update_id':503,'poll':{'id':'p','question':'q','options':[],"
                + "'total_voter_count':0,'is_closed':false,'is_anonymous':true,'type':'regular','allows_multiple_answers':false}}")).isEmpty();
    }

    @Test
    void membersJoiningAndLeavingALocationAndAnEdit() throws Exception {
        Inbound.MembersJoined joined = (Inbound.MembersJoined) map(message(GROUP,
                "'new_chat_members':[{'id':91,'is_bot':false,'first_name':'A'},{'id':92,'is_bot':true,'first_name':'B'}]"));
        Inbound.MemberLeft left = (Inbound.MemberLeft) map(message(GROUP, "'left_chat_member':{'id':91,'is_bot':false,'first_name':'A'}"));
        Inbound.Location location = (Inbound.Location) map(message(PRIVATE, "'location':{'latitude':31.95,'longitude':118.84}"));
        Inbound edited = map("{'update_id':504,'edited_message':{'message_id':9,'date':1764554400,'edit_date':1764554500,"
                + "'from':{'id':77,'is_bot':false,'first_name':'Li'},'chat':" + PRIVATE + ",'text':'changed'}}");

        assertThat(joined.members()).extracting(m -> m.id()).containsExactly(91L, 92L);
        assertThat(joined.members().get(1).bot()).isTrue();
        assertThat(left.member().id()).isEqualTo(91L);
        assertThat(location.latitude()).isEqualTo(31.95);
        assertThat(location.longitude()).isEqualTo(118.84);
        assertThat(edited).isInstanceOf(Inbound.Unsupported.class);
    }

    @Test
    void aButtonOnAMessageTooOldToReadStillNamesItsChatAndMessage() throws Exception {
        Inbound.Button button = (Inbound.Button) map("{'update_id':505,'callback_query':{'id':'cb2','chat_instance':'x',"
                + "'from':{'id':77,'is_bot':false,'first_name':'Li'},'data':'x:1','message':{'message_id':3,'date':0,'chat':" + PRIVATE + "}}}");

        assertThat(button.messageId()).isEqualTo(3);
        assertThat(button.chat().id()).isEqualTo(77);
    }

    @Test
    void partsOfTheWrongShapeAreMalformedAndAnUpdateIdMustBeAWholeNumber() throws Exception {
        assertThatThrownBy(() -> reader.read(json.readTree("{\"update_id\":7,\"message\":\"text\"}")))
                .isInstanceOf(UpdateReader.Malformed.class).hasMessage("message");
        assertThatThrownBy(() -> reader.read(json.readTree(message(PRIVATE, "'text':'hi'").replace('\'', '"')
                .replace("\"id\":77,\"is_bot\"", "\"id\":\"77\",\"is_bot\""))))
                .isInstanceOf(UpdateReader.Malformed.class).hasMessage("id");
        assertThat(reader.read(json.readTree("{\"update_id\":7,\"message\":{\"chat\":null}}"))).isEmpty();

        assertThat(UpdateReader.updateId(json.readTree("{\"update_id\":42}"))).contains(42L);
        for (String body : new String[] {"null", "[]", "42", "{}", "{\"update_id\":null}", "{\"update_id\":\"7\"}",
                "{\"update_id\":1.5}", "{\"update_id\":9223372036854775808}"}) {
            assertThat(UpdateReader.updateId(json.readTree(body))).as(body).isEmpty();
        }
    }
}
