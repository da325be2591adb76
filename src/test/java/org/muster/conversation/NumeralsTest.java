package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Numbers as people type them, with the bundles' words, without Spring. */
class NumeralsTest {

    private static final Numerals NUMERALS = Numerals.fromBundles();
    private static final List<String> PEOPLE = List.of("人", "名", "people", "volunteers");

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of("20", 20),
                Arguments.of(" 20 ", 20),
                Arguments.of("二十", 20),
                Arguments.of("十五", 15),
                Arguments.of("十", 10),
                Arguments.of("一百", 100),
                Arguments.of("百", 100),
                Arguments.of("两百五十", 250),
                Arguments.of("两百五", 250),
                Arguments.of("一百零五", 105),
                Arguments.of("一千二", 1200),
                Arguments.of("三千零二十", 3020),
                Arguments.of("一万", 10000),
                Arguments.of("二十个", 20),
                Arguments.of("20个", 20),
                Arguments.of("二十个人", 20),
                Arguments.of("20人", 20),
                Arguments.of("30 people", 30),
                Arguments.of("３０", 30),
                Arguments.of("３０人", 30),
                Arguments.of("两", 2),
                Arguments.of("俩", 2),
                Arguments.of("二五", 25),
                Arguments.of("拾", 10));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("counts")
    void readsACount(String typed, int value) {
        assertThat(NUMERALS.count(typed, PEOPLE)).isEqualTo(OptionalInt.of(value));
    }

    static Stream<String> notCounts() {
        return Stream.of("", "人", "个", "twenty", "2.5", "-3", "二十多", "大约二十", "20 30", "12345678901", "two hundred");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCounts")
    void refusesWhatIsNoCount(String typed) {
        assertThat(NUMERALS.count(typed, PEOPLE)).isEmpty();
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("两个半小时", "2个半小时"),
                Arguments.of("十二小时", "12小时"),
                Arguments.of("二十五分钟", "25分钟"),
                Arguments.of("３小时", "3小时"),
                Arguments.of("no numerals", "no numerals"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("texts")
    void turnsNumeralsInTextIntoDigits(String typed, String digits) {
        assertThat(NUMERALS.toDigits(typed)).isEqualTo(digits);
    }
}
