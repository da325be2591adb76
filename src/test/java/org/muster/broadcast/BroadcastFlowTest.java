package org.muster.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.broadcast.BroadcastFlow.AskArea;
import org.muster.broadcast.BroadcastFlow.AskSkills;
import org.muster.broadcast.BroadcastFlow.AskTarget;
import org.muster.broadcast.BroadcastFlow.AskText;
import org.muster.broadcast.BroadcastFlow.Preview;
import org.muster.broadcast.BroadcastFlow.State;
import org.muster.conversation.Effect;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.support.Fixtures;
import org.muster.support.Replies;
import org.muster.support.TestCatalog;

/**
 * The /broadcast flow without Spring: (state, input) → outcome, next step and replies, or the preview or notice
 * it asks for, and refused to a caller who is no coordinator any more.
 */
class BroadcastFlowTest {

    private static final long USER = 1001;
    private static final int PROMPT = 70;
    private static final String NOTICE = "明天上午江宁区全员核酸检测，请各组做好准备。";
    private static final Target ALL = new Target(true, false, false, false, null, List.of());
    private static final Target MEDICAL = new Target(false, false, true, false, null, List.of("medical"));

    private final BroadcastFlow flow = new BroadcastFlow(TestCatalog.nanjing());

    static Stream<Arguments> steps() {
        return Stream.of(
                // the text: not blank, not longer than a message may be
                Arguments.of(new AskText(), text(NOTICE), Outcome.CONTINUE, new AskTarget(NOTICE), List.of("broadcast.ask_target")),
                Arguments.of(new AskText(), text("  " + NOTICE + "\n"), Outcome.CONTINUE, new AskTarget(NOTICE), List.of("broadcast.ask_target")),
                Arguments.of(new AskText(), text("x".repeat(3500)), Outcome.CONTINUE, new AskTarget("x".repeat(3500)), List.of("broadcast.ask_target")),
                Arguments.of(new AskText(), text("x".repeat(3501)), Outcome.INVALID, null, List.of("broadcast.too_long")),
                Arguments.of(new AskText(), text("   "), Outcome.INVALID, null, List.of("broadcast.ask_text")),
                Arguments.of(new AskText(), location(), Outcome.INVALID, null, List.of("broadcast.ask_text")),
                // who gets it
                Arguments.of(new AskTarget(NOTICE), press("bcast:target:area"), Outcome.CONTINUE, new AskArea(NOTICE, null),
                        List.of("clear-buttons", "broadcast.ask_area")),
                Arguments.of(new AskTarget(NOTICE), press("bcast:target:skill"), Outcome.CONTINUE, new AskSkills(NOTICE, List.of()),
                        List.of("clear-buttons", "broadcast.ask_skills")),
                Arguments.of(new AskTarget(NOTICE), press("bcast:target:nobody"), Outcome.INVALID, null, List.of("toast:broadcast.stale_button")),
                Arguments.of(new AskTarget(NOTICE), text("all"), Outcome.INVALID, null, List.of("broadcast.use_buttons")),
                // the area: down the tree (the buttons redrawn in place), back up, or a name typed
                Arguments.of(new AskArea(NOTICE, null), press("bcast:area:jiangning"), Outcome.CONTINUE, new AskArea(NOTICE, "jiangning"),
                        List.of("redraw-buttons")),
                Arguments.of(new AskArea(NOTICE, "jiangning"), press("bcast:area:jiangning.dongshan"), Outcome.CONTINUE,
                        new AskArea(NOTICE, "jiangning.dongshan"), List.of("redraw-buttons")),
                Arguments.of(new AskArea(NOTICE, "jiangning"), press("bcast:area:^"), Outcome.CONTINUE, new AskArea(NOTICE, null),
                        List.of("redraw-buttons")),
                Arguments.of(new AskArea(NOTICE, null), text("江宁区"), Outcome.CONTINUE, new AskArea(NOTICE, "jiangning"), List.of("broadcast.ask_area")),
                Arguments.of(new AskArea(NOTICE, null), press("bcast:area:jiangning.lukou"), Outcome.INVALID, null,
                        List.of("toast:broadcast.stale_button")),
                Arguments.of(new AskArea(NOTICE, null), press("bcast:target:all"), Outcome.INVALID, null, List.of("toast:broadcast.stale_button")),
                Arguments.of(new AskArea(NOTICE, null), text("Atlantis"), Outcome.INVALID, null, List.of("broadcast.ask_area")),
                Arguments.of(new AskArea(NOTICE, null), text("旧区"), Outcome.INVALID, null, List.of("broadcast.ask_area")),
                // skills: toggles redraw the buttons; done needs at least one
                Arguments.of(new AskSkills(NOTICE, List.of()), press("bcast:skill:medical"), Outcome.CONTINUE, new AskSkills(NOTICE, List.of("medical")),
                        List.of("redraw-buttons")),
                Arguments.of(new AskSkills(NOTICE, List.of("medical")), press("bcast:skill:driving"), Outcome.CONTINUE,
                        new AskSkills(NOTICE, List.of("medical", "driving")), List.of("redraw-buttons")),
                Arguments.of(new AskSkills(NOTICE, List.of("medical")), press("bcast:skill:medical"), Outcome.CONTINUE, new AskSkills(NOTICE, List.of()),
                        List.of("redraw-buttons")),
                Arguments.of(new AskSkills(NOTICE, List.of()), press("bcast:skills:done"), Outcome.CONTINUE, new AskSkills(NOTICE, List.of()),
                        List.of("toast:broadcast.pick_skill")),
                Arguments.of(new AskSkills(NOTICE, List.of()), press("bcast:skill:retired"), Outcome.INVALID, null, List.of("toast:broadcast.stale_button")),
                Arguments.of(new AskSkills(NOTICE, List.of()), press("bcast:target:skill"), Outcome.INVALID, null, List.of("toast:broadcast.stale_button")),
                Arguments.of(new AskSkills(NOTICE, List.of()), text("medical"), Outcome.INVALID, null, List.of("broadcast.use_buttons")),
                // the preview: edit starts over at the text, cancel ends without sending
                Arguments.of(new Preview(NOTICE, ALL), press("bcast:edit"), Outcome.CONTINUE, new AskText(), List.of("clear-buttons", "broadcast.ask_text")),
                Arguments.of(new Preview(NOTICE, ALL), press("bcast:cancel"), Outcome.DONE, null, List.of("clear-buttons", "broadcast.cancelled")),
                Arguments.of(new Preview(NOTICE, ALL), press("bcast:publish"), Outcome.INVALID, null, List.of("toast:broadcast.stale_button")),
                Arguments.of(new Preview(NOTICE, ALL), text("send"), Outcome.INVALID, null, List.of("broadcast.use_buttons")));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {2} {4}")
    @MethodSource("steps")
    void step(State from, Inbound input, Outcome outcome, State to, List<String> replies) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.CONTINUE) {
            assertThat(next.state()).isEqualTo(to);
        }
        assertThat(Replies.keys(next)).isEqualTo(replies);
        assertThat(next.effects()).isEmpty();
    }

    static Stream<Arguments> previewsAndSending() {
        return Stream.of(
                Arguments.of(new AskTarget(NOTICE), press("bcast:target:all"), Outcome.CONTINUE, new Preview(NOTICE, ALL), List.of("clear-buttons"),
                        new PreviewNotice(NOTICE, ALL)),
                Arguments.of(new AskArea(NOTICE, "jiangning.dongshan"), press("bcast:area:jiangning.dongshan.baijiahu"), Outcome.CONTINUE,
                        new Preview(NOTICE, byArea("jiangning.dongshan.baijiahu")), List.of("clear-buttons"),
                        new PreviewNotice(NOTICE, byArea("jiangning.dongshan.baijiahu"))),
                Arguments.of(new AskArea(NOTICE, "jiangning"), press("bcast:area:jiangning:whole"), Outcome.CONTINUE,
                        new Preview(NOTICE, byArea("jiangning")), List.of("clear-buttons"), new PreviewNotice(NOTICE, byArea("jiangning"))),
                Arguments.of(new AskArea(NOTICE, null), text("玄武区"), Outcome.CONTINUE, new Preview(NOTICE, byArea("xuanwu")), List.of(),
                        new PreviewNotice(NOTICE, byArea("xuanwu"))),
                Arguments.of(new AskSkills(NOTICE, List.of("medical")), press("bcast:skills:done"), Outcome.CONTINUE, new Preview(NOTICE, MEDICAL),
                        List.of("clear-buttons"), new PreviewNotice(NOTICE, MEDICAL)),
                Arguments.of(new Preview(NOTICE, ALL), press("bcast:send"), Outcome.DONE, null, List.of("clear-buttons"), new SendNotice(NOTICE, ALL)),
                Arguments.of(new Preview(NOTICE, MEDICAL), press("bcast:send"), Outcome.DONE, null, List.of("clear-buttons"),
                        new SendNotice(NOTICE, MEDICAL)));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {5}")
    @MethodSource("previewsAndSending")
    void aTargetChosenAsksForThePreviewAndSendSendsIt(State from, Inbound input, Outcome outcome, State to, List<String> replies, Effect effect) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.CONTINUE) {
            assertThat(next.state()).isEqualTo(to);
        }
        assertThat(Replies.keys(next)).isEqualTo(replies);
        assertThat(next.effects()).containsExactly(effect);
    }

    @Test
    void itBeginsWithTheTextAndOffersThreeKindsOfTarget() {
        Transition<State> first = flow.begin(turn(text("/broadcast"), Role.COORDINATOR));
        assertThat(first.state()).isEqualTo(new AskText());
        assertThat(Replies.keys(first)).containsExactly("broadcast.ask_text");

        Outbound.Send targets = (Outbound.Send) flow.step(new AskText(), turn(text(NOTICE), Role.COORDINATOR)).replies().get(0);
        assertThat(buttons((Markup.Inline) targets.markup())).containsExactly("bcast:target:all", "bcast:target:area", "bcast:target:skill");
    }

    @Test
    void theSkillButtonsOfferNoRetiredSkillAndTickTheChosenOnes() {
        Outbound.EditButtons redraw = (Outbound.EditButtons) flow.step(new AskSkills(NOTICE, List.of()),
                turn(press("bcast:skill:medical"), Role.COORDINATOR)).replies().get(0);

        assertThat(redraw.messageId()).isEqualTo(PROMPT);
        assertThat(buttons(redraw.markup())).containsExactly("bcast:skill:medical", "bcast:skill:driving", "bcast:skills:done");
        assertThat(redraw.markup().rows().get(0).get(0).label().key()).isEqualTo("broadcast.selected");
        assertThat(redraw.markup().rows().get(1).get(0).label().literal()).isEqualTo("驾驶");
    }

    // ---- the role, re-checked at every step

    /** Every step, with an input that would otherwise move on, preview or send. */
    static Stream<Arguments> everyStep() {
        return Stream.of(
                Arguments.of(new AskText(), text(NOTICE)),
                Arguments.of(new AskTarget(NOTICE), press("bcast:target:all")),
                Arguments.of(new AskArea(NOTICE, null), text("玄武区")),
                Arguments.of(new AskSkills(NOTICE, List.of("medical")), press("bcast:skills:done")),
                Arguments.of(new Preview(NOTICE, ALL), press("bcast:send")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerACoordinatorIsRefusedAtEveryStepAndSendsNothing(State state, Inbound input) {
        Transition<State> refused = flow.step(state, turn(input, Role.VOLUNTEER, Role.LEADER));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.effects()).isEmpty();
        assertThat(Replies.keys(refused)).containsExactly("conversation.role_lost");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCoordinatorGoesOnAtEveryStep(State state, Inbound input) {
        Turn coordinator = turn(input, Role.COORDINATOR);

        Transition<State> allowed = flow.step(state, coordinator);

        assertThat(allowed.outcome()).isNotEqualTo(Outcome.REFUSED);
        assertThat(allowed).isEqualTo(flow.next(state, coordinator));
    }

    @Test
    void theRoleRowsCoverEveryStep() {
        assertThat(everyStep().map(row -> row.get()[0].getClass()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(State.class.getPermittedSubclasses()));
    }

    // ---- inputs

    private static Target byArea(String code) {
        return new Target(false, true, false, false, code, List.of());
    }

    private static List<String> buttons(Markup.Inline markup) {
        return markup.rows().stream().flatMap(List::stream).map(Markup.Button::data).toList();
    }

    private static Turn turn(Inbound input, Role... roles) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW, roles);
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound press(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), PROMPT, data);
    }

    private static Inbound location() {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, 31.9, 118.8);
    }
}
