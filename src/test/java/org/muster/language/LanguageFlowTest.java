package org.muster.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.support.Fixtures;

/** The /lang flow as a table: input → outcome, stored language, language of the answer. No Spring. */
class LanguageFlowTest {

    private final LanguageFlow flow = new LanguageFlow(new LanguageNames(Map.of("english", "en", "chinese", "zh")));
    private static final long USER = 42;

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(text("English"), Transition.Outcome.DONE, "en", Languages.ENGLISH),
                Arguments.of(text("  chinese "), Transition.Outcome.DONE, "zh", Languages.CHINESE),
                Arguments.of(text("en"), Transition.Outcome.DONE, "en", Languages.ENGLISH),
                Arguments.of(button("lang:zh"), Transition.Outcome.DONE, "zh", Languages.CHINESE),
                Arguments.of(button("lang:en"), Transition.Outcome.DONE, "en", Languages.ENGLISH),
                Arguments.of(button("lang:fr"), Transition.Outcome.INVALID, null, null),
                Arguments.of(text("Klingon"), Transition.Outcome.INVALID, null, null),
                Arguments.of(text("/lang"), Transition.Outcome.INVALID, null, null));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void decides(Inbound input, Transition.Outcome outcome, String stored, Locale answeredIn) {
        Turn turn = Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW);

        Transition<LanguageFlow.State> next = flow.next(new LanguageFlow.Choosing(), turn);

        assertThat(next.outcome()).isEqualTo(outcome);
        if (stored == null) {
            assertThat(next.effects()).isEmpty();
            assertThat(next.replies()).isNotEmpty();
            return;
        }
        assertThat(next.effects()).containsExactly(new SaveLanguage(USER, stored));
        Outbound.Send confirmation = next.replies().stream()
                .filter(Outbound.Send.class::isInstance).map(Outbound.Send.class::cast).findFirst().orElseThrow();
        assertThat(confirmation.text().key()).isEqualTo("lang.set");
        assertThat(confirmation.locale()).isEqualTo(answeredIn);
        if (input instanceof Inbound.Button) {
            assertThat(next.replies().get(0)).isInstanceOf(Outbound.Toast.class);
            assertThat(next.replies()).anyMatch(o -> o instanceof Outbound.EditButtons edit && edit.markup() == null);
        }
    }

    @org.junit.jupiter.api.Test
    void beginAsksWithTwoButtons() {
        Transition<LanguageFlow.State> first = flow.begin(Fixtures.turn(text("/lang")));

        assertThat(first.state()).isEqualTo(new LanguageFlow.Choosing());
        Outbound.Send ask = (Outbound.Send) first.replies().get(0);
        assertThat(ask.text().key()).isEqualTo("lang.choose");
        assertThat(((org.muster.conversation.Markup.Inline) ask.markup()).rows().get(0))
                .extracting(org.muster.conversation.Markup.Button::data).containsExactly("lang:zh", "lang:en");
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound button(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), 10, data);
    }

}
