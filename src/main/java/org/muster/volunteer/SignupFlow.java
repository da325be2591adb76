package org.muster.volunteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.muster.catalog.AreaPicker;
import org.muster.catalog.Catalog;
import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * Sign-up (报名) in the private chat: real name → phone → area → skills → availability → consent
 * → review with "confirm" and "edit" buttons. Editing a field from the review (or from /profile)
 * comes back to the review. Pure: the catalog is an immutable snapshot, and the one write is the
 * {@link SaveVolunteer} effect on confirmation.
 */
@Component
class SignupFlow implements Flow<SignupFlow.State> {

    static final String NAME = "signup";

    /** What has been gathered so far. {@code reviewed}: the review was shown, so each step returns to it. */
    record Draft(String name, String phone, String area, List<String> skills, List<String> availability,
                 boolean consented, boolean reviewed, boolean existing, String then) {

        Draft {
            skills = skills == null ? List.of() : List.copyOf(skills);
            availability = availability == null ? List.of() : List.copyOf(availability);
            then = then == null ? "" : then;
        }

        static Draft fresh(String then) {
            return new Draft(null, null, null, List.of(), List.of(), false, false, false, then);
        }

        Draft withName(String value) {
            return new Draft(value, phone, area, skills, availability, consented, reviewed, existing, then);
        }

        Draft withPhone(String value) {
            return new Draft(name, value, area, skills, availability, consented, reviewed, existing, then);
        }

        Draft withArea(String value) {
            return new Draft(name, phone, value, skills, availability, consented, reviewed, existing, then);
        }

        Draft withSkills(List<String> value) {
            return new Draft(name, phone, area, value, availability, consented, reviewed, existing, then);
        }

        Draft withAvailability(List<String> value) {
            return new Draft(name, phone, area, skills, value, consented, reviewed, existing, then);
        }

        Draft consenting() {
            return new Draft(name, phone, area, skills, availability, true, reviewed, existing, then);
        }

        Draft inReview() {
            return new Draft(name, phone, area, skills, availability, consented, true, existing, then);
        }

        @Override
        public String toString() {
            return "Draft[area " + area + ", " + skills.size() + " skills]";
        }
    }

    sealed interface State permits AskName, AskPhone, AskArea, AskSkills, AskAvailability, AskConsent, Review {
        Draft draft();
    }

    record AskName(Draft draft) implements State {
    }

    record AskPhone(Draft draft) implements State {
    }

    /** Choosing among the areas below {@code parent} (null: the top level). */
    record AskArea(Draft draft, String parent) implements State {
    }

    record AskSkills(Draft draft) implements State {
    }

    record AskAvailability(Draft draft) implements State {
    }

    record AskConsent(Draft draft) implements State {
    }

    record Review(Draft draft) implements State {
    }

    /** The fields a review or /profile can jump to. */
    enum Field { NAME, PHONE, AREA, SKILLS, AVAILABILITY }

    private final Catalog catalog;
    private final AreaPicker areas;

    SignupFlow(Catalog catalog) {
        this.catalog = catalog;
        // a street or town may be chosen as a whole, a district is too coarse to send anyone to
        this.areas = new AreaPicker(catalog, NAME + ":area:", 2);
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
        return Txt.of("signup.restart");
    }

    /** A new volunteer starts with their name; {@code then} is where they were going. */
    Transition<State> begin(Turn turn, String then) {
        return askName(turn, Draft.fresh(then));
    }

    /** A signed-up volunteer starts at the review of what is on record. */
    Transition<State> review(Turn turn, Draft onRecord) {
        return toReview(turn, onRecord.inReview());
    }

    /** Straight to one field of what is on record (from /profile); afterwards the review. */
    Transition<State> edit(Turn turn, Draft onRecord, Field field) {
        return ask(turn, onRecord.inReview(), field);
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (state instanceof AskName ask) {
            return onName(ask, turn);
        }
        if (state instanceof AskPhone ask) {
            return onPhone(ask, turn);
        }
        if (state instanceof AskArea ask) {
            return onArea(ask, turn);
        }
        if (state instanceof AskSkills ask) {
            return onSkills(ask, turn);
        }
        if (state instanceof AskAvailability ask) {
            return onAvailability(ask, turn);
        }
        if (state instanceof AskConsent ask) {
            return onConsent(ask, turn);
        }
        return onReview((Review) state, turn);
    }

    // ---- name

    private Transition<State> askName(Turn turn, Draft draft) {
        return Transition.to(new AskName(draft), turn.reply(Txt.of("signup.ask_name"), new Markup.RemoveKeyboard()));
    }

    private Transition<State> onName(AskName ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return invalid(turn, Txt.of("signup.ask_name"), null);
        }
        PersonalDetails.Result<String, PersonalDetails.NameProblem> name = PersonalDetails.name(text.text());
        if (!name.isOk()) {
            String reason = "signup.name_" + name.problem().name().toLowerCase(Locale.ROOT);
            return Transition.invalid(turn.reply(Txt.of(reason)));
        }
        Draft draft = ask.draft().withName(name.value());
        return draft.reviewed() ? toReview(turn, draft) : askPhone(turn, draft);
    }

    // ---- phone

    private Transition<State> askPhone(Turn turn, Draft draft) {
        return Transition.to(new AskPhone(draft), turn.reply(Txt.of("signup.ask_phone"), phoneKeyboard()));
    }

    private static Markup phoneKeyboard() {
        return new Markup.Keyboard(List.of(List.of(new Markup.Key(Txt.of("signup.share_phone"), Markup.KeyAction.SHARE_CONTACT))),
                true, Txt.of("signup.phone_placeholder"));
    }

    private Transition<State> onPhone(AskPhone ask, Turn turn) {
        Optional<String> phone;
        if (turn.inbound() instanceof Inbound.Contact contact) {
            if (!contact.isSendersOwn()) {
                return Transition.invalid(turn.reply(Txt.of("signup.phone_not_own"), phoneKeyboard()));
            }
            phone = PersonalDetails.sharedPhone(contact.phoneNumber());
        } else if (turn.inbound() instanceof Inbound.Text text) {
            phone = PersonalDetails.typedPhone(text.text());
        } else {
            return invalid(turn, Txt.of("signup.ask_phone"), phoneKeyboard());
        }
        if (phone.isEmpty()) {
            return Transition.invalid(turn.reply(Txt.of("signup.phone_invalid"), phoneKeyboard()));
        }
        Draft draft = ask.draft().withPhone(phone.get());
        Outbound saved = turn.reply(Txt.of("signup.phone_saved"), new Markup.RemoveKeyboard());
        Transition<State> then = draft.reviewed() ? toReview(turn, draft) : askArea(turn, draft, null);
        return prepend(saved, then);
    }

    // ---- area

    private Transition<State> askArea(Turn turn, Draft draft, String parent) {
        return Transition.to(new AskArea(draft, parent),
                turn.reply(areaQuestion(parent, turn.locale()), areaKeyboard(parent, turn.locale())));
    }

    private Txt areaQuestion(String parent, Locale locale) {
        return parent == null ? Txt.of("signup.ask_area")
                : Txt.of("signup.ask_area_below", Txt.literal(catalog.pathName(parent, locale)));
    }

    private Markup.Inline areaKeyboard(String parent, Locale locale) {
        return areas.keyboard(parent, locale, Txt.of("signup.area_whole"), Txt.of("signup.back"));
    }

    private Transition<State> onArea(AskArea ask, Turn turn) {
        Integer promptId = turn.inbound() instanceof Inbound.Button button ? button.messageId() : null;
        AreaPicker.Choice choice = areas.read(ask.parent(), turn.inbound());
        if (choice instanceof AreaPicker.Choice.Stale) {
            return stale(turn);
        }
        if (choice instanceof AreaPicker.Choice.Unknown) {
            return turn.inbound() instanceof Inbound.Text
                    ? Transition.invalid(turn.reply(Txt.of("signup.area_unknown"), areaKeyboard(ask.parent(), turn.locale())))
                    : invalid(turn, areaQuestion(ask.parent(), turn.locale()), areaKeyboard(ask.parent(), turn.locale()));
        }
        if (choice instanceof AreaPicker.Choice.Descend descend) {
            return promptId != null ? redrawArea(turn, ask.draft(), descend.code(), promptId)
                    : askArea(turn, ask.draft(), descend.code());
        }
        String chosen = ((AreaPicker.Choice.Chosen) choice).code();
        Draft draft = ask.draft().withArea(chosen);
        List<Outbound> replies = new ArrayList<>();
        if (promptId != null) {
            replies.add(new Outbound.Edit(turn.chatId(), promptId,
                    Txt.of("signup.area_chosen", Txt.literal(catalog.pathName(chosen, turn.locale()))), null, turn.locale()));
        }
        Transition<State> then = draft.reviewed() ? toReview(turn, draft) : askSkills(turn, draft);
        return prepend(replies, then);
    }

    /** Moves the same question message to another level of the tree. */
    private Transition<State> redrawArea(Turn turn, Draft draft, String parent, int promptId) {
        return Transition.to(new AskArea(draft, parent), new Outbound.Edit(turn.chatId(), promptId,
                areaQuestion(parent, turn.locale()), areaKeyboard(parent, turn.locale()), turn.locale()));
    }

    // ---- skills

    private Transition<State> askSkills(Turn turn, Draft draft) {
        return Transition.to(new AskSkills(draft), turn.reply(Txt.of("signup.ask_skills"), skillKeyboard(draft, turn.locale())));
    }

    private Markup.Inline skillKeyboard(Draft draft, Locale locale) {
        List<Markup.Button> buttons = catalog.skills().stream()
                .map(skill -> Markup.Button.callback(
                        toggleLabel(skill.name(locale), draft.skills().contains(skill.code())),
                        NAME + ":skill:" + skill.code()))
                .toList();
        List<List<Markup.Button>> rows = new ArrayList<>(pairs(buttons));
        rows.add(List.of(Markup.Button.callback(Txt.of("signup.done"), NAME + ":skills:done")));
        return new Markup.Inline(rows);
    }

    private Transition<State> onSkills(AskSkills ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return invalid(turn, Txt.of("signup.ask_skills"), skillKeyboard(ask.draft(), turn.locale()));
        }
        if (button.data().equals(NAME + ":skills:done")) {
            Draft draft = ask.draft();
            List<Outbound> replies = List.of(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
            return prepend(replies, draft.reviewed() ? toReview(turn, draft) : askAvailability(turn, draft));
        }
        String prefix = NAME + ":skill:";
        if (!button.data().startsWith(prefix) || !catalog.hasSkill(button.data().substring(prefix.length()))) {
            return stale(turn);
        }
        Draft draft = ask.draft().withSkills(toggled(ask.draft().skills(), button.data().substring(prefix.length())));
        return Transition.to(new AskSkills(draft),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), skillKeyboard(draft, turn.locale()), turn.locale()));
    }

    // ---- availability

    private Transition<State> askAvailability(Turn turn, Draft draft) {
        return Transition.to(new AskAvailability(draft),
                turn.reply(Txt.of("signup.ask_availability"), availabilityKeyboard(draft)));
    }

    private Markup.Inline availabilityKeyboard(Draft draft) {
        List<Markup.Button> buttons = Availability.codes().stream()
                .map(code -> Markup.Button.callback(
                        toggleLabel(Txt.of("availability." + code), draft.availability().contains(code)),
                        NAME + ":avail:" + code))
                .toList();
        return new Markup.Inline(List.of(buttons, List.of(Markup.Button.callback(Txt.of("signup.done"), NAME + ":avail:done"))));
    }

    private Transition<State> onAvailability(AskAvailability ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return invalid(turn, Txt.of("signup.ask_availability"), availabilityKeyboard(ask.draft()));
        }
        String prefix = NAME + ":avail:";
        if (!button.data().startsWith(prefix)) {
            return stale(turn);
        }
        String value = button.data().substring(prefix.length());
        if (value.equals("done")) {
            if (ask.draft().availability().isEmpty()) {
                return Transition.to(ask, turn.toast(Txt.of("signup.pick_one")));
            }
            Draft draft = ask.draft();
            List<Outbound> replies = List.of(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
            return prepend(replies, draft.reviewed() ? toReview(turn, draft) : askConsent(turn, draft));
        }
        if (!Availability.codes().contains(value)) {
            return stale(turn);
        }
        Draft draft = ask.draft().withAvailability(toggled(ask.draft().availability(), value));
        return Transition.to(new AskAvailability(draft),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), availabilityKeyboard(draft), turn.locale()));
    }

    // ---- consent

    private Transition<State> askConsent(Turn turn, Draft draft) {
        return Transition.to(new AskConsent(draft), turn.reply(Txt.of("signup.ask_consent"), consentKeyboard()));
    }

    private static Markup.Inline consentKeyboard() {
        return Markup.Inline.of(List.of(
                Markup.Button.callback(Txt.of("signup.agree"), NAME + ":consent:yes"),
                Markup.Button.callback(Txt.of("signup.disagree"), NAME + ":consent:no")));
    }

    private Transition<State> onConsent(AskConsent ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return invalid(turn, Txt.of("signup.ask_consent"), consentKeyboard());
        }
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        if (button.data().equals(NAME + ":consent:no")) {
            return Transition.done(clear, turn.reply(Txt.of("signup.no_consent")));
        }
        if (!button.data().equals(NAME + ":consent:yes")) {
            return stale(turn);
        }
        return prepend(List.of(clear), toReview(turn, ask.draft().consenting()));
    }

    // ---- review

    private Transition<State> toReview(Turn turn, Draft draft) {
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

    private Transition<State> onReview(Review review, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return invalid(turn, Txt.of("signup.use_buttons"), null);
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
            return stale(turn);
        }
        Field field;
        try {
            field = Field.valueOf(button.data().substring(prefix.length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return stale(turn);
        }
        return prepend(List.of(clear), ask(turn, draft, field));
    }

    private Transition<State> ask(Turn turn, Draft draft, Field field) {
        return switch (field) {
            case NAME -> askName(turn, draft);
            case PHONE -> askPhone(turn, draft);
            case AREA -> askArea(turn, draft, null);
            case SKILLS -> askSkills(turn, draft);
            case AVAILABILITY -> askAvailability(turn, draft);
        };
    }

    // ---- helpers

    /** A typed answer where a button was expected, or the like: say what is wanted and ask again. */
    private static Transition<State> invalid(Turn turn, Txt question, Markup markup) {
        return Transition.invalid(turn.reply(Txt.of("signup.use_buttons_or", question), markup));
    }

    /** A button from an earlier question. */
    private static Transition<State> stale(Turn turn) {
        return Transition.invalid(turn.toast(Txt.of("signup.stale_button")));
    }

    private static Transition<State> prepend(Outbound first, Transition<State> then) {
        return prepend(List.of(first), then);
    }

    private static Transition<State> prepend(List<Outbound> first, Transition<State> then) {
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

    private static List<String> toggled(List<String> values, String value) {
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
