package org.muster.language;

import java.util.List;
import java.util.Optional;

import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** Asks which language to use; takes a button press or a typed name, and stores the choice. */
@Component
class LanguageFlow implements Flow<LanguageFlow.State> {

    static final String NAME = "lang";

    sealed interface State permits Choosing {
    }

    record Choosing() implements State {
    }

    private final LanguageNames names;

    LanguageFlow(LanguageNames names) {
        this.names = names;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Txt restartHint() {
        return Txt.of("lang.restart");
    }

    Transition<State> begin(Turn turn) {
        return Transition.to(new Choosing(), turn.reply(Txt.of("lang.choose"), choices()));
    }

    /** {@code /lang en}: decided at once. */
    Transition<State> chosen(Turn turn, String code) {
        return finish(turn, code);
    }

    Optional<String> codeFor(String typed) {
        return names.codeFor(typed);
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        Inbound in = turn.inbound();
        Optional<String> code = Optional.empty();
        if (in instanceof Inbound.Button button && button.data().startsWith(NAME + ":")) {
            code = Optional.of(button.data().substring(NAME.length() + 1)).filter(c -> c.equals("zh") || c.equals("en"));
        } else if (in instanceof Inbound.Text text) {
            code = names.codeFor(text.text());
        }
        if (code.isEmpty()) {
            if (in instanceof Inbound.Button) {
                return Transition.invalid(turn.toast(Txt.of("lang.invalid")));
            }
            return Transition.invalid(turn.reply(Txt.of("lang.invalid"), choices()));
        }
        Transition<State> done = finish(turn, code.get());
        if (in instanceof Inbound.Button button) {
            // the question's buttons have done their job
            Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
            List<Outbound> replies = new java.util.ArrayList<>(done.replies());
            replies.add(0, clear);
            replies.add(0, turn.in(Languages.fromCode(code.get()).orElseThrow()).toast(Txt.of("lang.set_short")));
            return new Transition<>(Transition.Outcome.DONE, null, replies, done.effects());
        }
        return done;
    }

    private Transition<State> finish(Turn turn, String code) {
        Turn answered = turn.in(Languages.fromCode(code).orElseThrow());
        return Transition.<State>done(answered.reply(Txt.of("lang.set")))
                .with(new SaveLanguage(turn.userId(), code));
    }

    private static Markup.Inline choices() {
        return Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("lang.name.zh"), NAME + ":zh"),
                Markup.Button.callback(Txt.of("lang.name.en"), NAME + ":en")));
    }
}
