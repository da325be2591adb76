package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Replies kept in Redis for a crash: every kind comes back equal; what is not a reply never comes back. */
class UnsentRepliesTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    static List<Outbound> everyKind() {
        ZonedDateTime when = ZonedDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
        Txt nested = Txt.of("call.line", Txt.literal("核酸检测点"), Txt.date(when), Txt.time(when), 12, 3L, new java.math.BigDecimal("4.5"));
        Markup.Inline buttons = new Markup.Inline(List.of(List.of(Markup.Button.callback(Txt.of("button.join"), "j:12:34"),
                Markup.Button.link(Txt.literal("open"), "https://t.me/muster_bot?start=c12"))));
        return List.of(
                new Outbound.Send(-100123, nested, buttons, 7, ZH),
                new Outbound.Send(42, Txt.join(List.of(Txt.literal("a"), Txt.literal("b"))),
                        new Markup.Keyboard(List.of(List.of(new Markup.Key(Txt.of("share"), Markup.KeyAction.SHARE_CONTACT))), true, Txt.literal("…")),
                        null, Locale.ENGLISH),
                new Outbound.Send(42, Txt.literal("bye"), new Markup.RemoveKeyboard(), null, ZH),
                new Outbound.Prompt(new Outbound.Send(-100123, Txt.of("hours.ask"), new Markup.ForceReply(true, Txt.literal("8")), null, ZH),
                        "hours", 99, true),
                new Outbound.Edit(-100123, 5, Txt.of("call.card"), buttons, ZH),
                new Outbound.EditButtons(-100123, 5, null, ZH),
                new Outbound.Delete(-100123, 6),
                new Outbound.MenuButton(42, Txt.of("app.menu_button"), "https://muster.example.org/app/", ZH),
                new Outbound.Send(42, Txt.of("app.open_prompt"), Markup.Inline.of(List.of(Markup.Button.webApp(Txt.of("app.open_button"),
                        "https://muster.example.org/app/?view=board"))), null, ZH),
                new Outbound.Toast("cb-1", Txt.of("toast.ok"), false, ZH, "https://t.me/muster_bot?start=x"),
                new Outbound.Document(42, "hours.csv", "姓名,小时\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), Txt.of("export.caption"), ZH));
    }

    @Test
    void everyKindOfReplyComesBackEqual() {
        for (Outbound reply : everyKind()) {
            String kept = UnsentReplies.encode(reply).orElseThrow();
            Outbound back = UnsentReplies.decode(kept).orElseThrow();
            if (reply instanceof Outbound.Document document) {
                assertThat(back).isInstanceOfSatisfying(Outbound.Document.class, d -> {
                    assertThat(d.content()).isEqualTo(document.content());
                    assertThat(d.fileName()).isEqualTo(document.fileName());
                });
            } else {
                assertThat(back).isEqualTo(reply);
            }
        }
    }

    @Test
    void theRepliesComeBackInTheirOrderWhateverOrderRedisGaveTheFields() {
        List<Outbound> replies = everyKind().subList(0, 3);
        List<String> fields = List.of("2", UnsentReplies.encode(replies.get(2)).orElseThrow(),
                "0", UnsentReplies.encode(replies.get(0)).orElseThrow(), "x", "junk",
                "1", UnsentReplies.encode(replies.get(1)).orElseThrow());

        assertThat(UnsentReplies.decodeAll(fields).stream().map(UnsentReplies.Kept::reply).toList()).containsExactlyElementsOf(replies);
    }

    @Test
    void whatIsNotAReplyIsNotReadBack() throws Exception {
        assertThat(UnsentReplies.decode("not base64!")).isEmpty();
        assertThat(UnsentReplies.decode(Base64.getEncoder().encodeToString("no object".getBytes()))).isEmpty();
        assertThat(UnsentReplies.decode(serialised("a string is not a reply"))).isEmpty();
        // a class outside what replies are made of is refused before it is built
        assertThat(UnsentReplies.decode(serialised(new java.net.URI("https://example.org/").toURL()))).isEmpty();
        assertThat(UnsentReplies.decode(serialised(new java.io.File("/etc/passwd")))).isEmpty();
    }

    @Test
    void aReplyTooLargeOrWithAnArgumentThatIsNotAValueIsNotKept() {
        byte[] big = new byte[UnsentReplies.MAX_KEPT_BYTES + 1];
        assertThat(UnsentReplies.encode(new Outbound.Document(42, "big.xlsx", big, null, ZH))).isEmpty();
        assertThat(UnsentReplies.encode(new Outbound.Send(42, Txt.of("x", new Object()), null, null, ZH))).isEmpty();
    }

    private static String serialised(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
