package org.muster.volunteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.muster.catalog.AreaPicker;
import org.muster.catalog.Catalog;
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

/** The questions of the sign-up: each step's prompt and keyboard, and the review. Pure. */
final class SignupQuestions {

    private static final String NAME = SignupFlow.NAME;

    private final Catalog catalog;
    private final AreaPicker areas;

    SignupQuestions(Catalog catalog) {
        this.catalog = catalog;
        // a street or town may be chosen as a whole, a district is too coarse to send anyone to
        this.areas = new AreaPicker(catalog, NAME + ":area:", 2);
    }

    AreaPicker areas() {
        return areas;
    }

    /**
     * A button of an earlier step: "out of date", and the current question again. The step stays and
     * the press is no wrong answer: the sign-up goes on as if it had not happened.
     */
    Transition<State> stale(State state, Turn turn) {
        List<Outbound> replies = new ArrayList<>();
        replies.add(turn.toast(Txt.of("signup.stale_button")));
        replies.addAll(question(state, turn));
        return new Transition<>(Transition.Outcome.CONTINUE, state, replies, List.of());
    }

    /** The question of a step, as it is asked when the step begins. */
    List<Outbound> question(State state, Turn turn) {
        Transition<State> asked;
        if (state instanceof AskName) {
            asked = askName(turn, state.draft());
        } else if (state instanceof AskPhone) {
            asked = askPhone(turn, state.draft());
        } else if (state instanceof AskArea area) {
            asked = askArea(turn, state.draft(), area.parent());
        } else if (state instanceof AskSkills) {
            asked = askSkills(turn, state.draft());
        } else if (state instanceof AskAvailability) {
            asked = askAvailability(turn, state.draft());
        } else if (state instanceof AskConsent) {
            asked = askConsent(turn, state.draft());
        } else {
            asked = toReview(turn, state.draft());
        }
        return asked.replies();
    }

    Transition<State> askName(Turn turn, Draft draft) {
        return Transition.to(new AskName(draft), turn.reply(Txt.of("signup.ask_name"), new Markup.RemoveKeyboard()));
    }

    Transition<State> askPhone(Turn turn, Draft draft) {
        return Transition.to(new AskPhone(draft), turn.reply(Txt.of("signup.ask_phone"), phoneKeyboard()));
    }

    static Markup phoneKeyboard() {
        return new Markup.Keyboard(List.of(List.of(new Markup.Key(Txt.of("signup.share_phone"), Markup.KeyAction.SHARE_CONTACT))),
                true, Txt.of("signup.phone_placeholder"));
    }

    Transition<State> askArea(Turn turn, Draft draft, String parent) {
        return Transition.to(new AskArea(draft, parent),
                turn.reply(areaQuestion(parent, turn.locale()), areaKeyboard(parent, turn.locale())));
    }

    Txt areaQuestion(String parent, Locale locale) {
        return parent == null ? Txt.of("signup.ask_area")
                : Txt.of("signup.ask_area_below", Txt.literal(catalog.pathName(parent, locale)));
    }

    Markup.Inline areaKeyboard(String parent, Locale locale) {
        return areas.keyboard(parent, locale, Txt.of("signup.area_whole"), Txt.of("signup.back"));
    }

    /** Moves the same question message to another level of the tree. */
    Transition<State> redrawArea(Turn turn, Draft draft, String parent, int promptId) {
        return Transition.to(new AskArea(draft, parent), new Outbound.Edit(turn.chatId(), promptId,
                areaQuestion(parent, turn.locale()), areaKeyboard(parent, turn.locale()), turn.locale()));
    }

    Transition<State> askSkills(Turn turn, Draft draft) {
        return Transition.to(new AskSkills(draft), turn.reply(Txt.of("signup.ask_skills"), skillKeyboard(draft, turn.locale())));
    }

    Markup.Inline skillKeyboard(Draft draft, Locale locale) {
        List<Markup.Button> buttons = catalog.skills().stream()
                .map(skill -> Markup.Button.callback(
                        toggleLabel(skill.name(locale), draft.skills().contains(skill.code())),
                        NAME + ":skill:" + skill.code()))
                .toList();
        List<List<Markup.Button>> rows = new ArrayList<>(pairs(buttons));
        rows.add(List.of(Markup.Button.callback(Txt.of("signup.done"), NAME + ":skills:done")));
        return new Markup.Inline(rows);
    }

    Transition<State> askAvailability(Turn turn, Draft draft) {
        return Transition.to(new AskAvailability(draft),
                turn.reply(Txt.of("signup.ask_availability"), availabilityKeyboard(draft)));
    }

    Markup.Inline availabilityKeyboard(Draft draft) {
        List<Markup.Button> buttons = Availability.codes().stream()
                .map(code -> Markup.Button.callback(
                        toggleLabel(Txt.of("availability." + code), draft.availability().contains(code)),
                        NAME + ":avail:" + code))
                .toList();
        return new Markup.Inline(List.of(buttons, List.of(Markup.Button.callback(Txt.of("signup.done"), NAME + ":avail:done"))));
    }

    Transition<State> askConsent(Turn turn, Draft draft) {
        return Transition.to(new AskConsent(draft), turn.reply(Txt.of("signup.ask_consent"), consentKeyboard()));
    }

    static Markup.Inline consentKeyboard() {
        return Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("signup.agree"), NAME + ":consent:yes"),
                Markup.Button.callback(Txt.of("signup.disagree"), NAME + ":consent:no")));
    }

    Transition<State> toReview(Turn turn, Draft draft) {
        Draft reviewed = draft.inReview();
        return Transition.to(new Review(reviewed), turn.reply(summary(reviewed, turn.locale()), reviewKeyboard()));
    }

    private Txt summary(Draft draft, Locale locale) {
        List<Txt> skills = draft.skills().stream().map(code -> Txt.literal(catalog.skillName(code, locale))).toList();
        List<Txt> times = draft.availability().stream().map(code -> Txt.of("availability." + code)).toList();
        return Txt.of("signup.review", Txt.literal(draft.name()), Txt.literal(draft.phone()),
                Txt.literal(catalog.pathName(draft.area(), locale)),
                skills.isEmpty() ? Txt.of("signup.none") : Txt.join(skills),
                Txt.join(times));
    }

    private static Markup.Inline reviewKeyboard() {
        return new Markup.Inline(List.of(
                List.of(Markup.Button.callback(Txt.of("signup.confirm"), NAME + ":confirm")),
                List.of(edit("name"), edit("phone")),
                List.of(edit("area"), edit("skills")),
                List.of(edit("availability"))));
    }

    private static Markup.Button edit(String field) {
        return Markup.Button.callback(Txt.of("signup.edit_" + field), NAME + ":edit:" + field);
    }

    Transition<State> ask(Turn turn, Draft draft, Field field) {
        return switch (field) {
            case NAME -> askName(turn, draft);
            case PHONE -> askPhone(turn, draft);
            case AREA -> askArea(turn, draft, null);
            case SKILLS -> askSkills(turn, draft);
            case AVAILABILITY -> askAvailability(turn, draft);
        };
    }

    /** A typed answer where a button was expected, or the like: say what is wanted and ask again. */
    static Transition<State> invalid(Turn turn, Txt question, Markup markup) {
        return Transition.invalid(turn.reply(Txt.of("signup.use_buttons_or", question), markup));
    }

    static Transition<State> prepend(Outbound first, Transition<State> then) {
        return prepend(List.of(first), then);
    }

    static Transition<State> prepend(List<Outbound> first, Transition<State> then) {
        List<Outbound> replies = new ArrayList<>(first);
        replies.addAll(then.replies());
        return new Transition<>(then.outcome(), then.state(), replies, then.effects());
    }

    private static Txt toggleLabel(String name, boolean on) {
        return toggleLabel(Txt.literal(name), on);
    }

    private static Txt toggleLabel(Txt name, boolean on) {
        return on ? Txt.of("signup.selected", name) : name;
    }

    static List<String> toggled(List<String> values, String value) {
        List<String> out = new ArrayList<>(values);
        if (!out.remove(value)) {
            out.add(value);
        }
        return out;
    }

    private static <T> List<List<T>> pairs(List<T> items) {
        List<List<T>> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            rows.add(items.subList(i, Math.min(items.size(), i + 2)));
        }
        return rows;
    }
}
