package org.muster.volunteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.muster.catalog.AreaPicker;
import org.muster.catalog.Catalog;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.volunteer.SignupFlow.AskArea;
import org.muster.volunteer.SignupFlow.AskAvailability;
import org.muster.volunteer.SignupFlow.AskConsent;
import org.muster.volunteer.SignupFlow.AskName;
import org.muster.volunteer.SignupFlow.AskPhone;
import org.muster.volunteer.SignupFlow.AskSkills;
import org.muster.volunteer.SignupFlow.Draft;
import org.muster.volunteer.SignupFlow.Field;
import org.muster.volunteer.SignupFlow.Review;
import org.muster.volunteer.SignupFlow.State;

/** The answers of the sign-up: each step's typed text, shared contact or pressed button read, checked and taken into the draft. Pure. */
final class SignupAnswers {

    private static final String NAME = SignupFlow.NAME;

    private final Catalog catalog;
    private final SignupQuestions questions;

    SignupAnswers(Catalog catalog, SignupQuestions questions) {
        this.catalog = catalog;
        this.questions = questions;
    }

    Transition<State> onName(AskName ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return SignupQuestions.invalid(turn, Txt.of("signup.ask_name"), null);
        }
        PersonalDetails.Result<String, PersonalDetails.NameProblem> name = PersonalDetails.name(text.text());
        if (!name.isOk()) {
            String reason = "signup.name_" + name.problem().name().toLowerCase(Locale.ROOT);
            return Transition.invalid(turn.reply(Txt.of(reason)));
        }
        Draft draft = ask.draft().withName(name.value());
        return draft.reviewed() ? questions.toReview(turn, draft) : questions.askPhone(turn, draft);
    }

    Transition<State> onPhone(AskPhone ask, Turn turn) {
        Optional<String> phone;
        if (turn.inbound() instanceof Inbound.Contact contact) {
            if (!contact.isSendersOwn()) {
                return Transition.invalid(turn.reply(Txt.of("signup.phone_not_own"), SignupQuestions.phoneKeyboard()));
            }
            phone = PersonalDetails.sharedPhone(contact.phoneNumber());
        } else if (turn.inbound() instanceof Inbound.Text text) {
            phone = PersonalDetails.typedPhone(text.text());
        } else {
            return SignupQuestions.invalid(turn, Txt.of("signup.ask_phone"), SignupQuestions.phoneKeyboard());
        }
        if (phone.isEmpty()) {
            return Transition.invalid(turn.reply(Txt.of("signup.phone_invalid"), SignupQuestions.phoneKeyboard()));
        }
        Draft draft = ask.draft().withPhone(phone.get());
        Outbound saved = turn.reply(Txt.of("signup.phone_saved"), new Markup.RemoveKeyboard());
        Transition<State> then = draft.reviewed() ? questions.toReview(turn, draft) : questions.askArea(turn, draft, null);
        return SignupQuestions.prepend(saved, then);
    }

    Transition<State> onArea(AskArea ask, Turn turn) {
        Integer promptId = turn.inbound() instanceof Inbound.Button button ? button.messageId() : null;
        AreaPicker.Choice choice = questions.areas().read(ask.parent(), turn.inbound());
        if (choice instanceof AreaPicker.Choice.Stale) {
            return questions.stale(ask, turn);
        }
        if (choice instanceof AreaPicker.Choice.Unknown) {
            return turn.inbound() instanceof Inbound.Text
                    ? Transition.invalid(turn.reply(Txt.of("signup.area_unknown"), questions.areaKeyboard(ask.parent(), turn.locale())))
                    : SignupQuestions.invalid(turn, questions.areaQuestion(ask.parent(), turn.locale()), questions.areaKeyboard(ask.parent(), turn.locale()));
        }
        if (choice instanceof AreaPicker.Choice.Descend descend) {
            return promptId != null ? questions.redrawArea(turn, ask.draft(), descend.code(), promptId)
                    : questions.askArea(turn, ask.draft(), descend.code());
        }
        String chosen = ((AreaPicker.Choice.Chosen) choice).code();
        Draft draft = ask.draft().withArea(chosen);
        List<Outbound> replies = new ArrayList<>();
        if (promptId != null) {
            replies.add(new Outbound.Edit(turn.chatId(), promptId,
                    Txt.of("signup.area_chosen", Txt.literal(catalog.pathName(chosen, turn.locale()))), null, turn.locale()));
        }
        Transition<State> then = draft.reviewed() ? questions.toReview(turn, draft) : questions.askSkills(turn, draft);
        return SignupQuestions.prepend(replies, then);
    }

    Transition<State> onSkills(AskSkills ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return SignupQuestions.invalid(turn, Txt.of("signup.ask_skills"), questions.skillKeyboard(ask.draft(), turn.locale()));
        }
        if (button.data().equals(NAME + ":skills:done")) {
            Draft draft = ask.draft();
            List<Outbound> replies = List.of(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
            return SignupQuestions.prepend(replies, draft.reviewed() ? questions.toReview(turn, draft) : questions.askAvailability(turn, draft));
        }
        String prefix = NAME + ":skill:";
        if (!button.data().startsWith(prefix) || !catalog.hasSkill(button.data().substring(prefix.length()))) {
            return questions.stale(ask, turn);
        }
        Draft draft = ask.draft().withSkills(SignupQuestions.toggled(ask.draft().skills(), button.data().substring(prefix.length())));
        return Transition.to(new AskSkills(draft),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), questions.skillKeyboard(draft, turn.locale()), turn.locale()));
    }

    Transition<State> onAvailability(AskAvailability ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return SignupQuestions.invalid(turn, Txt.of("signup.ask_availability"), questions.availabilityKeyboard(ask.draft()));
        }
        String prefix = NAME + ":avail:";
        if (!button.data().startsWith(prefix)) {
            return questions.stale(ask, turn);
        }
        String value = button.data().substring(prefix.length());
        if (value.equals("done")) {
            if (ask.draft().availability().isEmpty()) {
                return Transition.to(ask, turn.toast(Txt.of("signup.pick_one")));
            }
            Draft draft = ask.draft();
            List<Outbound> replies = List.of(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
            return SignupQuestions.prepend(replies, draft.reviewed() ? questions.toReview(turn, draft) : questions.askConsent(turn, draft));
        }
        if (!Availability.codes().contains(value)) {
            return questions.stale(ask, turn);
        }
        Draft draft = ask.draft().withAvailability(SignupQuestions.toggled(ask.draft().availability(), value));
        return Transition.to(new AskAvailability(draft),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), questions.availabilityKeyboard(draft), turn.locale()));
    }

    Transition<State> onConsent(AskConsent ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return SignupQuestions.invalid(turn, Txt.of("signup.ask_consent"), SignupQuestions.consentKeyboard());
        }
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        if (button.data().equals(NAME + ":consent:no")) {
            return Transition.done(clear, turn.reply(Txt.of("signup.no_consent")));
        }
        if (!button.data().equals(NAME + ":consent:yes")) {
            return questions.stale(ask, turn);
        }
        return SignupQuestions.prepend(List.of(clear), questions.toReview(turn, ask.draft().consenting()));
    }

    Transition<State> onReview(Review review, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return SignupQuestions.invalid(turn, Txt.of("signup.use_buttons"), null);
        }
        Draft draft = review.draft();
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        if (button.data().equals(NAME + ":confirm")) {
            return Transition.<State>done(clear)
                    .with(new SaveVolunteer(turn.userId(), turn.from().username(), turn.from().displayName(), draft.name(),
                            draft.phone(), draft.area(),
                            draft.skills(), draft.availability(), draft.then()));
        }
        String prefix = NAME + ":edit:";
        if (!button.data().startsWith(prefix)) {
            return questions.stale(review, turn);
        }
        Field field;
        try {
            field = Field.valueOf(button.data().substring(prefix.length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return questions.stale(review, turn);
        }
        return SignupQuestions.prepend(List.of(clear), questions.ask(turn, draft, field));
    }
}
