package org.muster.sandbox;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Telegram's HTML subset, read as TDLib reads it. */
class HtmlEntityParserTest {

    private static HtmlEntityParser.Result parse(String html) throws HtmlEntityParser.ParseException {
        return HtmlEntityParser.parse(html, id -> id == 42);
    }

    private static String error(String html) {
        try {
            parse(html);
        } catch (HtmlEntityParser.ParseException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + html);
    }

    private static TextEntity entity(String type, int offset, int length) {
        return TextEntity.of(type, offset, length);
    }

    @Test
    void everyStyleTag() throws Exception {
        HtmlEntityParser.Result result = parse("<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins>"
                + "<s>s</s><strike>k</strike><del>d</del><tg-spoiler>p</tg-spoiler><span class=\"tg-spoiler\">q</span>"
                + "<code>c</code><blockquote>z</blockquote>");

        assertThat(result.text()).isEqualTo("bsieunskdpqcz");
        assertThat(result.entities()).containsExactly(entity("bold", 0, 1), entity("bold", 1, 1),
                entity("italic", 2, 1), entity("italic", 3, 1), entity("underline", 4, 1), entity("underline", 5, 1),
                entity("strikethrough", 6, 1), entity("strikethrough", 7, 1), entity("strikethrough", 8, 1),
                entity("spoiler", 9, 1), entity("spoiler", 10, 1), entity("code", 11, 1), entity("blockquote", 12, 1));
    }

    @Test
    void nestedEntitiesAreOrderedByOffsetThenLength() throws Exception {
        HtmlEntityParser.Result result = parse("<b>bold <i>both</i></b> plain");

        assertThat(result.text()).isEqualTo("bold both plain");
        assertThat(result.entities()).containsExactly(entity("bold", 0, 9), entity("italic", 5, 4));
    }

    @Test
    void offsetsCountUtf16CodeUnits() throws Exception {
        HtmlEntityParser.Result result = parse("😀 <b>签到</b>");

        assertThat(result.entities()).containsExactly(entity("bold", 3, 2));
    }

    @Test
    void characterReferences() throws Exception {
        assertThat(parse("&lt;&gt;&amp;&quot;").text()).isEqualTo("<>&\"");
        assertThat(parse("&lt without semicolon").text()).isEqualTo("< without semicolon");
        assertThat(parse("&#65;&#x42;&#128512;").text()).isEqualTo("AB😀");
        assertThat(parse("&nbsp; &copy; & alone").text()).isEqualTo("&nbsp; &copy; & alone");
        assertThat(parse("&#0; &#xZZ;").text()).isEqualTo("&#0; &#xZZ;");
    }

    @Test
    void linksAndMentions() throws Exception {
        HtmlEntityParser.Result result = parse("<a href=\"https://Example.com\">x</a><a href='t.me/muster'>y</a>"
                + "<a href=\"tg://user?id=42\">z</a><a href=\"tg://user?id=7\">w</a><a href=\"javascript:alert(1)\">v</a>"
                + "<a>https://example.org/page</a>");

        assertThat(result.text()).isEqualTo("xyzwvhttps://example.org/page");
        assertThat(result.entities()).containsExactly(
                new TextEntity("text_link", 0, 1, "https://example.com/", null, null, null),
                new TextEntity("text_link", 1, 1, "http://t.me/muster", null, null, null),
                new TextEntity("text_mention", 2, 1, null, null, null, 42L),
                new TextEntity("text_link", 5, 24, "https://example.org/page", null, null, null));
    }

    @Test
    void preWithLanguage() throws Exception {
        assertThat(parse("<pre><code class=\"language-python\">print(1)</code></pre>").entities())
                .containsExactly(new TextEntity("pre", 0, 8, null, "python", null, null));
        assertThat(parse("<pre>raw</pre>").entities()).containsExactly(entity("pre", 0, 3));
        assertThat(parse("<code class=\"language-java\">x</code>").entities()).containsExactly(entity("code", 0, 1));
    }

    @Test
    void expandableBlockquoteAndCustomEmoji() throws Exception {
        assertThat(parse("<blockquote expandable>long</blockquote>").entities())
                .containsExactly(entity("expandable_blockquote", 0, 4));
        assertThat(parse("<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>").entities())
                .containsExactly(new TextEntity("custom_emoji", 0, 2, null, null, "5368324170671202286", null));
        assertThat(error("<tg-emoji emoji-id=\"x\">👍</tg-emoji>")).isEqualTo("Invalid custom emoji identifier specified");
    }

    @Test
    void tagsAreCaseInsensitiveAndEndTagsMayBeAnonymous() throws Exception {
        HtmlEntityParser.Result result = parse("<B>x</> <I >y</i >");

        assertThat(result.text()).isEqualTo("x y");
        assertThat(result.entities()).containsExactly(entity("bold", 0, 1), entity("italic", 2, 1));
    }

    @Test
    void emptyTagsLeaveNoEntity() throws Exception {
        assertThat(parse("a<b></b>c").entities()).isEmpty();
    }

    @Test
    void errorsSayWhatAndWhereInBytes() {
        assertThat(error("x <p>y</p>")).isEqualTo("Unsupported start tag \"p\" at byte offset 2");
        assertThat(error("签 <br/>")).isEqualTo("Unsupported start tag \"br/\" at byte offset 4");
        assertThat(error("<b>x")).isEqualTo("Can't find end tag corresponding to start tag b");
        assertThat(error("<b><i>x</b></i>")).isEqualTo("Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"");
        assertThat(error("x</b>")).isEqualTo("Unexpected end tag at byte offset 1");
        assertThat(error("<b")).isEqualTo("Unclosed start tag at byte offset 0");
        assertThat(error("<b>x</b")).isEqualTo("Unclosed end tag at byte offset 4");
        assertThat(error("<a href>x</a>")).isEqualTo("Expected equal sign in declaration of an attribute of the tag \"a\" at byte offset 0");
        assertThat(error("<a href=\"x")).isEqualTo("Unclosed start tag at byte offset 0");
        assertThat(error("<a href=x/y>z</a>")).isEqualTo("Unexpected end of name token at byte offset 8");
        assertThat(error("<span>x</span>")).isEqualTo("Tag \"span\" must have class \"tg-spoiler\" at byte offset 0");
        assertThat(error("a < b")).isEqualTo("Unsupported start tag \"\" at byte offset 2");
        assertThat(error("&#xD800;")).startsWith("Text contains invalid Unicode characters");
    }

    @Test
    void formatterTrimsMergesAndDetects() {
        FormattedText text = MessageTextFormatter.format("  <b>a</b><b>b</b> see https://example.org and @volunteer_one "
                + "<code>@not_a_mention</code> #site  \n", "HTML", null, id -> false);

        assertThat(text.text()).isEqualTo("ab see https://example.org and @volunteer_one @not_a_mention #site");
        assertThat(text.entities()).extracting(TextEntity::type)
                .containsExactly("bold", "url", "mention", "code", "hashtag");
        assertThat(text.entities().get(0)).isEqualTo(entity("bold", 0, 2));
    }

    @Test
    void detectorFollowsTdlib() {
        assertThat(EntityDetector.botCommands("/start /help@muster_sandbox_bot a/b /x@ab //y"))
                .containsExactly(entity("bot_command", 0, 6), entity("bot_command", 7, 24));
        assertThat(EntityDetector.mentions("@abc @abcd mail@host.org @toolongtoolongtoolongtoolongtoolong1"))
                .containsExactly(entity("mention", 5, 5));
        assertThat(EntityDetector.hashtags("#123 #a1 x#y #签到")).containsExactly(entity("hashtag", 5, 3),
                entity("hashtag", 13, 3));
        assertThat(EntityDetector.find("write to help@example.org")).containsExactly(entity("email", 9, 16));
        assertThat(EntityDetector.urls("see https://example.org/a.")).containsExactly(entity("url", 4, 21));
        assertThat(List.of(EntityDetector.cashtags("$USD and $usd"))).hasSize(1);
        assertThat(EntityDetector.find("林 · +8613800138000 · W1")).containsExactly(entity("phone_number", 4, 14));
        assertThat(EntityDetector.phoneNumbers("+86 a+8613800138000 +123 +8613800138000x")).isEmpty();
    }

    @Test
    void markdownIsReadAsPlainText() {
        assertThat(MessageTextFormatter.format("*bold*", "MarkdownV2", null, id -> false).text()).isEqualTo("*bold*");
    }
}
