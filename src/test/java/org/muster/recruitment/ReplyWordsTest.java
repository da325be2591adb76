package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyWordsTest {

    private final ReplyWords words = new ReplyWords(List.of("报名", "+1", "接龙", "i'm in"), List.of("取消报名", "来不了", "cancel", "leave"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "报名|ENROL", "报名！|ENROL", "+1|ENROL", "＋１|ENROL", "+1 明天见|ENROL", "接龙。|ENROL", "I’m in!|ENROL", "I'M IN|ENROL",
            "取消报名|LEAVE", "来不了了|NONE", "来不了|LEAVE", "Cancel.|LEAVE",
            // leaving takes the exact words: ordinary chat under a call takes nobody off
            "cancel that, I'm coming|NONE", "leave the car at gate 2?|NONE",
            "几点集合？|NONE", "报名的人多吗|NONE", "''|NONE"})
    void understands(String reply, ReplyWords.Meaning meaning) {
        assertThat(words.meaning(reply)).isEqualTo(meaning);
    }
}
