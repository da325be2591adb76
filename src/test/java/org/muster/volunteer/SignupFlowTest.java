package org.muster.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.support.Fixtures;
import org.muster.support.TestCatalog;
import org.muster.volunteer.SignupFlow.AskArea;
import org.muster.volunteer.SignupFlow.AskAvailability;
import org.muster.volunteer.SignupFlow.AskConsent;
import org.muster.volunteer.SignupFlow.AskName;
import org.muster.volunteer.SignupFlow.AskPhone;
import org.muster.volunteer.SignupFlow.AskSkills;
import org.muster.volunteer.SignupFlow.Draft;
import org.muster.volunteer.SignupFlow.Review;
import org.muster.volunteer.SignupFlow.State;

/** The sign-up flow as tables of (state, input) → (outcome, next state, replies, effects). No Spring, no I/O. */
class SignupFlowTest {

    private static final long USER = 4711;
    private static final int PROMPT = 50;
    private final SignupFlow flow = new SignupFlow(TestCatalog.nanjing());

    // ---- inputs

    static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    static Inbound press(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), PROMPT, data);
    }

    static Inbound contact(String phone, long owner) {
        return new Inbound.Contact(3, Fixtures.privateChat(USER), Fixtures.user(USER), 7, phone, owner);
    }

    static Inbound location() {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, 31.9, 118.8);
    }

    // ---- drafts

    static final Draft EMPTY = Draft.fresh("");
    static final Draft NAMED = EMPTY.withName("张伟");
    static final Draft PHONED = NAMED.withPhone("+8613800138000");
    static final Draft PLACED = PHONED.withArea("jiangning.dongshan.baijiahu");
    static final Draft SKILLED = PLACED.withSkills(List.of("medical"));
    static final Draft AVAILABLE = SKILLED.withAvailability(List.of("weekends"));
    static final Draft CONSENTED = AVAILABLE.consenting().inReview();

    private Transition<State> step(State state, Inbound input) {
        return flow.next(state, Fixtures.turn(input, Locale.SIMPLIFIED_CHINESE, Fixtures.NOW));
    }

    private static List<String> keys(Transition<State> t) {
        return t.replies().stream().map(SignupFlowTest::key).toList();
    }

    private static String key(Outbound o) {
        if (o instanceof Outbound.Send send) {
            return send.text().isLiteral() ? "literal" : send.text().key();
        }
        if (o instanceof Outbound.Edit edit) {
            return "edit:" + edit.text().key();
        }
        if (o instanceof Outbound.EditButtons edit) {
            return edit.markup() == null ? "clear-buttons" : "redraw-buttons";
        }
        if (o instanceof Outbound.Toast toast) {
            return "toast:" + toast.text().key();
        }
        return o.getClass().getSimpleName();
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                // name
                Arguments.of(new AskName(EMPTY), text("张伟"), Outcome.CONTINUE, new AskPhone(NAMED), List.of("signup.ask_phone")),
                Arguments.of(new AskName(EMPTY), text("  买买提·艾力 "), Outcome.CONTINUE, new AskPhone(EMPTY.withName("买买提·艾力")), List.of("signup.ask_phone")),
                Arguments.of(new AskName(EMPTY), text("Mary-Jane O'Neil"), Outcome.CONTINUE, new AskPhone(EMPTY.withName("Mary-Jane O'Neil")), List.of("signup.ask_phone")),
                Arguments.of(new AskName(EMPTY), text("张"), Outcome.INVALID, null, List.of("signup.name_too_short")),
                Arguments.of(new AskName(EMPTY), text("x".repeat(41)), Outcome.INVALID, null, List.of("signup.name_too_long")),
                Arguments.of(new AskName(EMPTY), text("Bob 007"), Outcome.INVALID, null, List.of("signup.name_not_a_name")),
                Arguments.of(new AskName(EMPTY), text("😀😀"), Outcome.INVALID, null, List.of("signup.name_not_a_name")),
                Arguments.of(new AskName(EMPTY), location(), Outcome.INVALID, null, List.of("signup.use_buttons_or")),
                // phone
                Arguments.of(new AskPhone(NAMED), contact("8613800138000", USER), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("signup.phone_saved", "signup.ask_area")),
                Arguments.of(new AskPhone(NAMED), contact("13800138000", USER), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("signup.phone_saved", "signup.ask_area")),
                Arguments.of(new AskPhone(NAMED), contact("+8613800138000", 999), Outcome.INVALID, null, List.of("signup.phone_not_own")),
                Arguments.of(new AskPhone(NAMED), text("138 0013 8000"), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("signup.phone_saved", "signup.ask_area")),
                Arguments.of(new AskPhone(NAMED), text("+86 138-0013-8000"), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("signup.phone_saved", "signup.ask_area")),
                Arguments.of(new AskPhone(NAMED), text("+852 9123 4567"), Outcome.CONTINUE, new AskArea(NAMED.withPhone("+85291234567"), null), List.of("signup.phone_saved", "signup.ask_area")),
                Arguments.of(new AskPhone(NAMED), text("12800138000"), Outcome.INVALID, null, List.of("signup.phone_invalid")),
                Arguments.of(new AskPhone(NAMED), text("12345"), Outcome.INVALID, null, List.of("signup.phone_invalid")),
                Arguments.of(new AskPhone(NAMED), text("call me"), Outcome.INVALID, null, List.of("signup.phone_invalid")),
                // area: down the tree by buttons (editing the question in place), or by typing a name
                Arguments.of(new AskArea(PHONED, null), press("signup:area:jiangning"), Outcome.CONTINUE, new AskArea(PHONED, "jiangning"), List.of("edit:signup.ask_area_below")),
                Arguments.of(new AskArea(PHONED, "jiangning"), press("signup:area:jiangning.dongshan"), Outcome.CONTINUE, new AskArea(PHONED, "jiangning.dongshan"), List.of("edit:signup.ask_area_below")),
                Arguments.of(new AskArea(PHONED, "jiangning.dongshan"), press("signup:area:jiangning.dongshan.baijiahu"), Outcome.CONTINUE, new AskSkills(PLACED), List.of("edit:signup.area_chosen", "signup.ask_skills")),
                Arguments.of(new AskArea(PHONED, "jiangning.dongshan"), press("signup:area:jiangning.dongshan:whole"), Outcome.CONTINUE, new AskSkills(PHONED.withArea("jiangning.dongshan")), List.of("edit:signup.area_chosen", "signup.ask_skills")),
                Arguments.of(new AskArea(PHONED, "jiangning"), press("signup:area:jiangning.lukou"), Outcome.CONTINUE, new AskSkills(PHONED.withArea("jiangning.lukou")), List.of("edit:signup.area_chosen", "signup.ask_skills")),
                Arguments.of(new AskArea(PHONED, "jiangning.dongshan"), press("signup:area:^"), Outcome.CONTINUE, new AskArea(PHONED, "jiangning"), List.of("edit:signup.ask_area_below")),
                Arguments.of(new AskArea(PHONED, "jiangning"), press("signup:area:^"), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("edit:signup.ask_area")),
                Arguments.of(new AskArea(PHONED, null), text("Jiangning District"), Outcome.CONTINUE, new AskArea(PHONED, "jiangning"), List.of("signup.ask_area_below")),
                Arguments.of(new AskArea(PHONED, null), text("玄武区"), Outcome.CONTINUE, new AskSkills(PHONED.withArea("xuanwu")), List.of("signup.ask_skills")),
                Arguments.of(new AskArea(PHONED, null), text("Atlantis"), Outcome.INVALID, null, List.of("signup.area_unknown")),
                Arguments.of(new AskArea(PHONED, null), text("旧区"), Outcome.INVALID, null, List.of("signup.area_unknown")),
                Arguments.of(new AskArea(PHONED, null), press("signup:area:jiangning.dongshan"), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("toast:signup.stale_button", "signup.ask_area")),
                Arguments.of(new AskArea(PHONED, "jiangning"), press("signup:area:jiangning:whole"), Outcome.CONTINUE, new AskArea(PHONED, "jiangning"), List.of("toast:signup.stale_button", "signup.ask_area_below")),
                Arguments.of(new AskArea(PHONED, null), press("signup:skill:medical"), Outcome.CONTINUE, new AskArea(PHONED, null), List.of("toast:signup.stale_button", "signup.ask_area")),
                // skills: toggles redraw the buttons; done moves on
                Arguments.of(new AskSkills(PLACED), press("signup:skill:medical"), Outcome.CONTINUE, new AskSkills(SKILLED), List.of("redraw-buttons")),
                Arguments.of(new AskSkills(SKILLED), press("signup:skill:medical"), Outcome.CONTINUE, new AskSkills(PLACED), List.of("redraw-buttons")),
                Arguments.of(new AskSkills(SKILLED), press("signup:skills:done"), Outcome.CONTINUE, new AskAvailability(SKILLED), List.of("clear-buttons", "signup.ask_availability")),
                Arguments.of(new AskSkills(PLACED), press("signup:skills:done"), Outcome.CONTINUE, new AskAvailability(PLACED), List.of("clear-buttons", "signup.ask_availability")),
                Arguments.of(new AskSkills(PLACED), press("signup:skill:retired"), Outcome.CONTINUE, new AskSkills(PLACED), List.of("toast:signup.stale_button", "signup.ask_skills")),
                Arguments.of(new AskSkills(PLACED), text("medical"), Outcome.INVALID, null, List.of("signup.use_buttons_or")),
                // availability: at least one
                Arguments.of(new AskAvailability(SKILLED), press("signup:avail:weekends"), Outcome.CONTINUE, new AskAvailability(AVAILABLE), List.of("redraw-buttons")),
                Arguments.of(new AskAvailability(SKILLED), press("signup:avail:done"), Outcome.CONTINUE, new AskAvailability(SKILLED), List.of("toast:signup.pick_one")),
                Arguments.of(new AskAvailability(AVAILABLE), press("signup:avail:done"), Outcome.CONTINUE, new AskConsent(AVAILABLE), List.of("clear-buttons", "signup.ask_consent")),
                Arguments.of(new AskAvailability(SKILLED), press("signup:avail:holidays"), Outcome.CONTINUE, new AskAvailability(SKILLED), List.of("toast:signup.stale_button", "signup.ask_availability")),
                // consent
                Arguments.of(new AskConsent(AVAILABLE), press("signup:consent:yes"), Outcome.CONTINUE, new Review(CONSENTED), List.of("clear-buttons", "signup.review")),
                Arguments.of(new AskConsent(AVAILABLE), press("signup:consent:no"), Outcome.DONE, null, List.of("clear-buttons", "signup.no_consent")),
                Arguments.of(new AskConsent(AVAILABLE), text("yes"), Outcome.INVALID, null, List.of("signup.use_buttons_or")),
                // review: edit a field, then back to the review
                Arguments.of(new Review(CONSENTED), press("signup:edit:name"), Outcome.CONTINUE, new AskName(CONSENTED), List.of("clear-buttons", "signup.ask_name")),
                Arguments.of(new AskName(CONSENTED), text("李娜"), Outcome.CONTINUE, new Review(CONSENTED.withName("李娜")), List.of("signup.review")),
                Arguments.of(new Review(CONSENTED), press("signup:edit:area"), Outcome.CONTINUE, new AskArea(CONSENTED, null), List.of("clear-buttons", "signup.ask_area")),
                Arguments.of(new AskArea(CONSENTED, "jiangning"), press("signup:area:jiangning.lukou"), Outcome.CONTINUE, new Review(CONSENTED.withArea("jiangning.lukou")), List.of("edit:signup.area_chosen", "signup.review")),
                Arguments.of(new AskPhone(CONSENTED), text("13900139000"), Outcome.CONTINUE, new Review(CONSENTED.withPhone("+8613900139000")), List.of("signup.phone_saved", "signup.review")),
                Arguments.of(new AskSkills(CONSENTED), press("signup:skills:done"), Outcome.CONTINUE, new Review(CONSENTED), List.of("clear-buttons", "signup.review")),
                Arguments.of(new Review(CONSENTED), press("signup:edit:everything"), Outcome.CONTINUE, new Review(CONSENTED), List.of("toast:signup.stale_button", "signup.review")),
                // a button of an earlier step, at any step: out of date, the question again, the step stays (no wrong answer)
                Arguments.of(new AskName(EMPTY), press("signup:area:jiangning"), Outcome.CONTINUE, new AskName(EMPTY), List.of("toast:signup.stale_button", "signup.ask_name")),
                Arguments.of(new AskPhone(NAMED), press("signup:consent:yes"), Outcome.CONTINUE, new AskPhone(NAMED), List.of("toast:signup.stale_button", "signup.ask_phone")),
                Arguments.of(new AskSkills(PLACED), press("signup:area:jiangning.dongshan.baijiahu"), Outcome.CONTINUE, new AskSkills(PLACED), List.of("toast:signup.stale_button", "signup.ask_skills")),
                Arguments.of(new AskAvailability(SKILLED), press("signup:skills:done"), Outcome.CONTINUE, new AskAvailability(SKILLED), List.of("toast:signup.stale_button", "signup.ask_availability")),
                Arguments.of(new AskConsent(AVAILABLE), press("signup:avail:done"), Outcome.CONTINUE, new AskConsent(AVAILABLE), List.of("toast:signup.stale_button", "signup.ask_consent")),
                Arguments.of(new Review(CONSENTED), press("signup:consent:yes"), Outcome.CONTINUE, new Review(CONSENTED), List.of("toast:signup.stale_button", "signup.review")),
                Arguments.of(new Review(CONSENTED), text("ok"), Outcome.INVALID, null, List.of("signup.use_buttons_or")));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}")
    @MethodSource("transitions")
    void transition(State from, Inbound input, Outcome outcome, State to, List<String> replies) {
        Transition<State> next = step(from, input);

        assertThat(next.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.CONTINUE) {
            assertThat(next.state()).isEqualTo(to);
        }
        assertThat(keys(next)).isEqualTo(replies);
        assertThat(next.effects()).isEmpty();
    }

    @Test
    void confirmingWritesTheWholeRecordOnce() {
        Draft draft = new Draft("张伟", "+8613800138000", "jiangning.lukou", List.of("medical", "driving"), List.of("weekends"),
                true, true, false, "join_AB23CD");

        Transition<State> next = step(new Review(draft), press("signup:confirm"));

        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
        assertThat(next.effects()).containsExactly(new SaveVolunteer(USER, "wei" + USER, "Wei Zhang", "张伟", "+8613800138000",
                "jiangning.lukou", List.of("medical", "driving"), List.of("weekends"), "join_AB23CD"));
        assertThat(keys(next)).containsExactly("clear-buttons");
    }

    @Test
    void aNewVolunteerStartsWithTheNameAndAnExistingOneAtTheReview() {
        Turn turn = Fixtures.turn(text("/signup"));

        assertThat(flow.begin(turn, "call_7").state()).isEqualTo(new AskName(Draft.fresh("call_7")));
        Transition<State> review = flow.review(turn, CONSENTED);
        assertThat(review.state()).isEqualTo(new Review(CONSENTED));
        Outbound.Send summary = (Outbound.Send) review.replies().get(0);
        assertThat(SignupFlowTest.buttons(summary)).contains("signup:confirm", "signup:edit:name", "signup:edit:phone",
                "signup:edit:area", "signup:edit:skills", "signup:edit:availability");
        assertThat(flow.edit(turn, CONSENTED, SignupFlow.Field.SKILLS).state()).isEqualTo(new AskSkills(CONSENTED));
    }

    @Test
    void thePhoneQuestionOffersToShareTheUsersOwnContactAndTheAnswerRemovesTheKeyboard() {
        Outbound.Send ask = (Outbound.Send) flow.next(new AskName(EMPTY), Fixtures.turn(text("张伟"))).replies().get(0);
        Markup.Keyboard keyboard = (Markup.Keyboard) ask.markup();
        assertThat(keyboard.rows().get(0).get(0).action()).isEqualTo(Markup.KeyAction.SHARE_CONTACT);

        Outbound.Send saved = (Outbound.Send) step(new AskPhone(NAMED), text("13800138000")).replies().get(0);
        assertThat(saved.markup()).isInstanceOf(Markup.RemoveKeyboard.class);
    }

    @Test
    void theAreaButtonsOfferWholeStreetsAndABackButtonButNoRetiredArea() {
        Outbound.Send top = (Outbound.Send) step(new AskPhone(NAMED), text("13800138000")).replies().get(1);
        assertThat(buttons(top)).containsExactly("signup:area:jiangning", "signup:area:xuanwu");

        Outbound.Edit street = (Outbound.Edit) step(new AskArea(PHONED, "jiangning"), press("signup:area:jiangning.dongshan")).replies().get(0);
        assertThat(street.markup().rows().stream().flatMap(List::stream).map(Markup.Button::data).toList())
                .containsExactly("signup:area:jiangning.dongshan.baijiahu", "signup:area:jiangning.dongshan.zhushan",
                        "signup:area:jiangning.dongshan:whole", "signup:area:^");
        assertThat(street.messageId()).isEqualTo(PROMPT);
        assertThat(street.markup().rows().stream().flatMap(List::stream).map(Markup.Button::data))
                .allMatch(data -> data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64);
    }

    @Test
    void aSelectedSkillIsTickedOnItsButton() {
        Outbound.EditButtons redraw = (Outbound.EditButtons) step(new AskSkills(PLACED), press("signup:skill:medical")).replies().get(0);

        Markup.Button medical = redraw.markup().rows().get(0).get(0);
        assertThat(medical.label().key()).isEqualTo("signup.selected");
        assertThat(redraw.markup().rows().get(0).get(1).label().literal()).isEqualTo("驾驶");
    }

    private static List<String> buttons(Outbound.Send send) {
        return ((Markup.Inline) send.markup()).rows().stream().flatMap(List::stream).map(Markup.Button::data).toList();
    }
}
