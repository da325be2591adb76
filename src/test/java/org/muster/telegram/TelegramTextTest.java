package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Telegram's limits counted as Telegram counts them, and long texts split between lines without losing a character. */
class TelegramTextTest {

    @Test
    void tagsDoNotCountAnEntityIsOneCharacterAndAnEmojiIsOne() {
        assertThat(TelegramText.visibleLength("<b>签到</b> &lt;3 &amp; 😀")).isEqualTo(9);
        assertThat(TelegramText.visibleLength("a & b")).isEqualTo(5);
    }

    @Test
    void aLongListIsSplitBetweenLinesIntoMessagesTelegramTakes() {
        StringBuilder html = new StringBuilder("<b>我报名的班次</b>");
        for (int i = 0; i < 300; i++) {
            html.append("\n• 第").append(i).append("班 <b>").append("长".repeat(30)).append("</b> &amp; 更多");
        }

        List<String> parts = TelegramText.split(html.toString(), 4096);

        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(p -> assertThat(TelegramText.visibleLength(p)).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n", parts)).isEqualTo(html.toString());
        // no part begins or ends inside a tag
        assertThat(parts).allSatisfy(p -> assertThat(p.chars().filter(c -> c == '<').count()).isEqualTo(p.chars().filter(c -> c == '>').count()));
    }

    @Test
    void aSingleLineLongerThanTheLimitIsCutBetweenCharactersNeverInsideAnEntity() {
        String line = "&lt;".repeat(3000) + "😀".repeat(3000);

        List<String> parts = TelegramText.split(line, 4096);

        assertThat(parts).hasSize(2);
        assertThat(TelegramText.visibleLength(parts.get(0))).isEqualTo(4096);
        assertThat(String.join("", parts)).isEqualTo(line);
        assertThat(TelegramText.truncate(line, 10)).isEqualTo("&lt;".repeat(9) + "…");
    }

    @Test
    void whatFitsIsLeftAlone() {
        assertThat(TelegramText.split("短\n消息", 4096)).containsExactly("短\n消息");
    }
}
