package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.conversation.Effect;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.Numerals;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Transition.Outcome;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.RecruitFlow.Ask;
import org.muster.recruitment.RecruitFlow.AskArea;
import org.muster.recruitment.RecruitFlow.Draft;
import org.muster.recruitment.RecruitFlow.Field;
import org.muster.recruitment.RecruitFlow.Offer;
import org.muster.recruitment.RecruitFlow.Preview;
import org.muster.recruitment.RecruitFlow.State;
import org.muster.support.Fixtures;
import org.muster.support.Replies;
import org.muster.support.TestCatalog;

/**
 * The /recruit flow without Spring on 2026-12-01 at 10:00 in Shanghai: (state, input) → outcome, next step and
 * replies, or the effect it asks for (the teams, the preview, publishing), and refused to a caller who is no
 * coordinator any more.
 */
class RecruitFlowTest {

    private static final long USER = 1001;
    private static final int PROMPT = 80;
    private static final Instant START = Instant.parse("2026-12-02T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-02T04:00:00Z");

    // ---- drafts, one field further each

    static final Draft FRESH = Draft.fresh();
    static final Draft TITLED = FRESH.with(Field.TITLE, "核酸检测志愿者");
    static final Draft DESCRIBED = TITLED.with(Field.DESCRIPTION, "协助信息登记");
    static final Draft SITED = DESCRIBED.with(Field.SITE, "百家湖社区核酸检测点");
    static final Draft ADDRESSED = SITED.withAddress("双龙大道 1000 号");
    static final Draft PLACED = ADDRESSED.with(Field.AREA, "jiangning.dongshan.baijiahu");
    static final Draft TEAMED = PLACED.withTeam(12L);
    static final Draft TIMED = TEAMED.withTime(START, END);
    static final Draft SLOTTED = TIMED.with(Field.SLOTS, 20);
    static final Draft SKILLED = SLOTTED.withSkills(List.of("medical"));
    static final Draft NOBODY = SKILLED.withTarget(false, false, false, false);
    static final Draft REVIEWED = SKILLED.inReview();

    private final RecruitFlow flow = new RecruitFlow(TestCatalog.nanjing(), RecruitWords.bundleWords(), Numerals.fromBundles());

    static Stream<Arguments> steps() {
        return Stream.of(
                // title, description, site: typed, within their lengths
                Arguments.of(new Ask(FRESH, Field.TITLE), text("核酸检测志愿者"), Outcome.CONTINUE, new Ask(TITLED, Field.DESCRIPTION),
                        List.of("recruit.ask_description")),
                Arguments.of(new Ask(FRESH, Field.TITLE), text("  核酸检测志愿者 "), Outcome.CONTINUE, new Ask(TITLED, Field.DESCRIPTION),
                        List.of("recruit.ask_description")),
                Arguments.of(new Ask(FRESH, Field.TITLE), text("x".repeat(60)), Outcome.CONTINUE,
                        new Ask(FRESH.with(Field.TITLE, "x".repeat(60)), Field.DESCRIPTION), List.of("recruit.ask_description")),
                Arguments.of(new Ask(FRESH, Field.TITLE), text("核"), Outcome.INVALID, null, List.of("recruit.length")),
                Arguments.of(new Ask(FRESH, Field.TITLE), text("x".repeat(61)), Outcome.INVALID, null, List.of("recruit.length")),
                Arguments.of(new Ask(FRESH, Field.TITLE), location(31.9, 118.8), Outcome.INVALID, null, List.of("recruit.ask_title")),
                Arguments.of(new Ask(TITLED, Field.DESCRIPTION), text("协助信息登记"), Outcome.CONTINUE, new Ask(DESCRIBED, Field.SITE),
                        List.of("recruit.ask_site")),
                Arguments.of(new Ask(TITLED, Field.DESCRIPTION), text("   "), Outcome.INVALID, null, List.of("recruit.length")),
                Arguments.of(new Ask(TITLED, Field.DESCRIPTION), text("x".repeat(1001)), Outcome.INVALID, null, List.of("recruit.length")),
                Arguments.of(new Ask(TITLED, Field.DESCRIPTION), press("recruit:skills:done"), Outcome.INVALID, null,
                        List.of("recruit.ask_description")),
                Arguments.of(new Ask(DESCRIBED, Field.SITE), text("百家湖社区核酸检测点"), Outcome.CONTINUE, new Ask(SITED, Field.LOCATION),
                        List.of("recruit.ask_location")),
                Arguments.of(new Ask(DESCRIBED, Field.SITE), text("点"), Outcome.INVALID, null, List.of("recruit.length")),
                // location: shared (the keyboard removed) or an address typed
                Arguments.of(new Ask(SITED, Field.LOCATION), text("双龙大道 1000 号"), Outcome.CONTINUE, new AskArea(ADDRESSED, null),
                        List.of("recruit.location_saved", "recruit.ask_area")),
                Arguments.of(new Ask(SITED, Field.LOCATION), location(31.93, 118.82), Outcome.CONTINUE, new AskArea(SITED.withPoint(31.93, 118.82), null),
                        List.of("recruit.location_saved", "recruit.ask_area")),
                Arguments.of(new Ask(SITED, Field.LOCATION), text("路"), Outcome.INVALID, null, List.of("recruit.length")),
                Arguments.of(new Ask(SITED, Field.LOCATION), text("x".repeat(201)), Outcome.INVALID, null, List.of("recruit.length")),
                Arguments.of(new Ask(SITED, Field.LOCATION), contact(), Outcome.INVALID, null, List.of("recruit.ask_location")),
                // area: down the tree (the buttons redrawn in place), back up, or a name typed
                Arguments.of(new AskArea(ADDRESSED, null), press("recruit:area:jiangning"), Outcome.CONTINUE, new AskArea(ADDRESSED, "jiangning"),
                        List.of("redraw-buttons")),
                Arguments.of(new AskArea(ADDRESSED, "jiangning.dongshan"), press("recruit:area:^"), Outcome.CONTINUE, new AskArea(ADDRESSED, "jiangning"),
                        List.of("redraw-buttons")),
                Arguments.of(new AskArea(ADDRESSED, null), text("江宁区"), Outcome.CONTINUE, new AskArea(ADDRESSED, "jiangning"), List.of("recruit.ask_area")),
                Arguments.of(new AskArea(ADDRESSED, null), press("recruit:area:jiangning.lukou"), Outcome.INVALID, null,
                        List.of("toast:recruit.stale_button")),
                Arguments.of(new AskArea(ADDRESSED, null), text("Atlantis"), Outcome.INVALID, null, List.of("recruit.area_unknown")),
                // team: a button of the teams offered, or none
                Arguments.of(new Ask(PLACED, Field.TEAM), press("recruit:team:12"), Outcome.CONTINUE, new Ask(TEAMED, Field.TIME),
                        List.of("clear-buttons", "recruit.ask_time")),
                Arguments.of(new Ask(TEAMED, Field.TEAM), press("recruit:team:none"), Outcome.CONTINUE, new Ask(PLACED, Field.TIME),
                        List.of("clear-buttons", "recruit.ask_time")),
                Arguments.of(new Ask(PLACED, Field.TEAM), press("recruit:team:abc"), Outcome.INVALID, null, List.of("toast:recruit.stale_button")),
                Arguments.of(new Ask(PLACED, Field.TEAM), press("recruit:skill:medical"), Outcome.INVALID, null, List.of("recruit.use_buttons")),
                Arguments.of(new Ask(PLACED, Field.TEAM), text("江宁一队"), Outcome.INVALID, null, List.of("recruit.use_buttons")),
                // time window
                Arguments.of(new Ask(TEAMED, Field.TIME), text("明天 8:00-12:00"), Outcome.CONTINUE, new Ask(TIMED, Field.SLOTS),
                        List.of("recruit.ask_slots")),
                Arguments.of(new Ask(TEAMED, Field.TIME), text("今天 8:00-9:00"), Outcome.INVALID, null, List.of("recruit.time_past")),
                // an end before the start is the next day's: a night shift
                Arguments.of(new Ask(TEAMED, Field.TIME), text("明天 22:00-06:00"), Outcome.CONTINUE,
                        new Ask(TEAMED.withTime(Instant.parse("2026-12-02T14:00:00Z"), Instant.parse("2026-12-02T22:00:00Z")), Field.SLOTS),
                        List.of("recruit.ask_slots")),
                Arguments.of(new Ask(TEAMED, Field.TIME), text("明天 8:00-8:00"), Outcome.INVALID, null, List.of("recruit.time_end_not_after_start")),
                Arguments.of(new Ask(TEAMED, Field.TIME), text("soon"), Outcome.INVALID, null, List.of("recruit.time_format")),
                Arguments.of(new Ask(TEAMED, Field.TIME), location(31.9, 118.8), Outcome.INVALID, null, List.of("recruit.ask_time")),
                // places: a whole number from 1 to 10000, with or without the word for people
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("20"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("20人"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("20 volunteers"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS),
                        List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("10000"), Outcome.CONTINUE, new Ask(TIMED.with(Field.SLOTS, 10000), Field.SKILLS),
                        List.of("recruit.ask_skills")),
                // places in words, with a measure word, or in full-width digits
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("二十"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("二十个"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("20个"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("二十人"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("２０"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS), List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("两百五十"), Outcome.CONTINUE, new Ask(TIMED.with(Field.SLOTS, 250), Field.SKILLS),
                        List.of("recruit.ask_skills")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("一万零一"), Outcome.INVALID, null, List.of("recruit.slots_invalid")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("0"), Outcome.INVALID, null, List.of("recruit.slots_invalid")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("10001"), Outcome.INVALID, null, List.of("recruit.slots_invalid")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("2.5"), Outcome.INVALID, null, List.of("recruit.slots_invalid")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("twenty"), Outcome.INVALID, null, List.of("recruit.slots_invalid")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), press("recruit:skills:done"), Outcome.INVALID, null, List.of("recruit.ask_slots")),
                // skills: toggles redraw the buttons; done moves on, with or without any
                Arguments.of(new Ask(SLOTTED, Field.SKILLS), press("recruit:skill:medical"), Outcome.CONTINUE, new Ask(SKILLED, Field.SKILLS),
                        List.of("redraw-buttons")),
                Arguments.of(new Ask(SKILLED, Field.SKILLS), press("recruit:skill:medical"), Outcome.CONTINUE, new Ask(SLOTTED, Field.SKILLS),
                        List.of("redraw-buttons")),
                Arguments.of(new Ask(SKILLED, Field.SKILLS), press("recruit:skills:done"), Outcome.CONTINUE, new Ask(SKILLED, Field.TARGET),
                        List.of("clear-buttons", "recruit.ask_target")),
                Arguments.of(new Ask(SLOTTED, Field.SKILLS), press("recruit:skills:done"), Outcome.CONTINUE, new Ask(SLOTTED, Field.TARGET),
                        List.of("clear-buttons", "recruit.ask_target")),
                Arguments.of(new Ask(SLOTTED, Field.SKILLS), press("recruit:skill:retired"), Outcome.INVALID, null, List.of("toast:recruit.stale_button")),
                Arguments.of(new Ask(SLOTTED, Field.SKILLS), text("medical"), Outcome.INVALID, null, List.of("recruit.use_buttons")),
                // whom to reach: toggles (by area is on to begin with); done needs at least one
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:skill"), Outcome.CONTINUE,
                        new Ask(SKILLED.withTarget(false, true, true, false), Field.TARGET), List.of("redraw-buttons")),
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:area"), Outcome.CONTINUE, new Ask(NOBODY, Field.TARGET),
                        List.of("redraw-buttons")),
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:all"), Outcome.CONTINUE,
                        new Ask(SKILLED.withTarget(true, true, false, false), Field.TARGET), List.of("redraw-buttons")),
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:direct"), Outcome.CONTINUE,
                        new Ask(SKILLED.withTarget(false, true, false, true), Field.TARGET), List.of("redraw-buttons")),
                Arguments.of(new Ask(NOBODY, Field.TARGET), press("recruit:target:done"), Outcome.CONTINUE, new Ask(NOBODY, Field.TARGET),
                        List.of("toast:recruit.pick_target")),
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:everyone"), Outcome.INVALID, null,
                        List.of("toast:recruit.stale_button")),
                Arguments.of(new Ask(SKILLED, Field.TARGET), text("all"), Outcome.INVALID, null, List.of("recruit.use_buttons")),
                // the preview: a field to edit, discard, or publishing a call whose time has passed
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:TITLE"), Outcome.CONTINUE, new Ask(REVIEWED, Field.TITLE),
                        List.of("clear-buttons", "recruit.ask_title")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:LOCATION"), Outcome.CONTINUE, new Ask(REVIEWED, Field.LOCATION),
                        List.of("clear-buttons", "recruit.ask_location")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:AREA"), Outcome.CONTINUE, new AskArea(REVIEWED, null),
                        List.of("clear-buttons", "recruit.ask_area")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:TIME"), Outcome.CONTINUE, new Ask(REVIEWED, Field.TIME),
                        List.of("clear-buttons", "recruit.ask_time")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:SKILLS"), Outcome.CONTINUE, new Ask(REVIEWED, Field.SKILLS),
                        List.of("clear-buttons", "recruit.ask_skills")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:TARGET"), Outcome.CONTINUE, new Ask(REVIEWED, Field.TARGET),
                        List.of("clear-buttons", "recruit.ask_target")),
                Arguments.of(new Preview(REVIEWED), press("recruit:discard"), Outcome.DONE, null, List.of("clear-buttons", "recruit.discarded")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:COLOUR"), Outcome.INVALID, null, List.of("toast:recruit.stale_button")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:title"), Outcome.INVALID, null, List.of("toast:recruit.stale_button")),
                Arguments.of(new Preview(REVIEWED), press("recruit:send"), Outcome.INVALID, null, List.of("toast:recruit.stale_button")),
                Arguments.of(new Preview(REVIEWED), text("发布"), Outcome.INVALID, null, List.of("recruit.use_buttons")),
                Arguments.of(new Preview(REVIEWED.withTime(Fixtures.NOW.minus(Duration.ofHours(1)), Fixtures.NOW.plus(Duration.ofHours(3)))),
                        press("recruit:publish"), Outcome.INVALID, null, List.of("recruit.time_past")));
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

    static Stream<Arguments> effects() {
        return Stream.of(
                // an area chosen: which teams serve it only the database knows
                Arguments.of(new AskArea(ADDRESSED, "jiangning.dongshan"), press("recruit:area:jiangning.dongshan.baijiahu"), Outcome.CONTINUE,
                        new Ask(PLACED, Field.TEAM), List.of("edit:recruit.area_chosen"), new AskTeam("jiangning.dongshan.baijiahu")),
                Arguments.of(new AskArea(ADDRESSED, "jiangning"), press("recruit:area:jiangning:whole"), Outcome.CONTINUE,
                        new Ask(ADDRESSED.with(Field.AREA, "jiangning"), Field.TEAM), List.of("edit:recruit.area_chosen"), new AskTeam("jiangning")),
                Arguments.of(new AskArea(ADDRESSED, null), text("玄武区"), Outcome.CONTINUE, new Ask(ADDRESSED.with(Field.AREA, "xuanwu"), Field.TEAM),
                        List.of("recruit.area_chosen"), new AskTeam("xuanwu")),
                Arguments.of(new Preview(REVIEWED), press("recruit:edit:TEAM"), Outcome.CONTINUE, new Ask(REVIEWED, Field.TEAM), List.of("clear-buttons"),
                        new AskTeam("jiangning.dongshan.baijiahu")),
                // another area from the preview: the team chosen for the old one is asked again
                Arguments.of(new AskArea(REVIEWED.withTeam(12L), null), text("玄武区"), Outcome.CONTINUE,
                        new Ask(REVIEWED.with(Field.AREA, "xuanwu").withTeam(null), Field.TEAM), List.of("recruit.area_chosen"), new AskTeam("xuanwu")),
                // the last field, or a field edited from the preview: the preview again
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:done"), Outcome.CONTINUE, new Preview(REVIEWED),
                        List.of("clear-buttons"), new PreviewCall(REVIEWED)),
                Arguments.of(new Ask(REVIEWED, Field.TITLE), text("核酸采样志愿者"), Outcome.CONTINUE,
                        new Preview(REVIEWED.with(Field.TITLE, "核酸采样志愿者")), List.of(), new PreviewCall(REVIEWED.with(Field.TITLE, "核酸采样志愿者"))),
                Arguments.of(new Ask(REVIEWED, Field.LOCATION), location(31.93, 118.82), Outcome.CONTINUE,
                        new Preview(REVIEWED.withPoint(31.93, 118.82)), List.of("recruit.location_saved"), new PreviewCall(REVIEWED.withPoint(31.93, 118.82))),
                Arguments.of(new Ask(REVIEWED, Field.TEAM), press("recruit:team:none"), Outcome.CONTINUE, new Preview(REVIEWED.withTeam(null)),
                        List.of("clear-buttons"), new PreviewCall(REVIEWED.withTeam(null))),
                Arguments.of(new Ask(REVIEWED, Field.TIME), text("明天 14:00-18:00"), Outcome.CONTINUE,
                        new Preview(REVIEWED.withTime(START.plus(Duration.ofHours(6)), END.plus(Duration.ofHours(6)))), List.of(),
                        new PreviewCall(REVIEWED.withTime(START.plus(Duration.ofHours(6)), END.plus(Duration.ofHours(6))))),
                Arguments.of(new Ask(REVIEWED, Field.SLOTS), text("30"), Outcome.CONTINUE, new Preview(REVIEWED.with(Field.SLOTS, 30)), List.of(),
                        new PreviewCall(REVIEWED.with(Field.SLOTS, 30))),
                Arguments.of(new Ask(REVIEWED, Field.SKILLS), press("recruit:skills:done"), Outcome.CONTINUE, new Preview(REVIEWED),
                        List.of("clear-buttons"), new PreviewCall(REVIEWED)),
                // publishing
                Arguments.of(new Preview(REVIEWED), press("recruit:publish"), Outcome.DONE, null, List.of("clear-buttons"), new PublishCall(REVIEWED)));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {5}")
    @MethodSource("effects")
    void stepWithAnEffect(State from, Inbound input, Outcome outcome, State to, List<String> replies, Effect effect) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.CONTINUE) {
            assertThat(next.state()).isEqualTo(to);
        }
        assertThat(Replies.keys(next)).isEqualTo(replies);
        assertThat(next.effects()).containsExactly(effect);
    }

    @Test
    void aCallWalkedFromTheTitleToPublishCarriesEveryAnswer() {
        Transition<State> t = flow.begin(turn(text("/recruit"), Role.COORDINATOR));
        assertThat(t.state()).isEqualTo(new Ask(FRESH, Field.TITLE));
        assertThat(Replies.keys(t)).containsExactly("recruit.ask_title");

        for (Inbound answer : List.of(text("核酸检测志愿者"), text("协助信息登记"), text("百家湖社区核酸检测点"), text("双龙大道 1000 号"),
                press("recruit:area:jiangning"), press("recruit:area:jiangning.dongshan"), press("recruit:area:jiangning.dongshan.baijiahu"),
                press("recruit:team:12"), text("明天 8:00-12:00"), text("20人"), press("recruit:skill:medical"), press("recruit:skills:done"),
                press("recruit:target:done"))) {
            t = flow.step(t.state(), turn(answer, Role.COORDINATOR));
            assertThat(t.outcome()).as("after %s", answer).isEqualTo(Outcome.CONTINUE);
        }
        assertThat(t.state()).isEqualTo(new Preview(REVIEWED));

        Transition<State> published = flow.step(t.state(), turn(press("recruit:publish"), Role.COORDINATOR));
        assertThat(published.effects()).containsExactly(new PublishCall(new Draft("核酸检测志愿者", "协助信息登记", "百家湖社区核酸检测点",
                "双龙大道 1000 号", null, null, "jiangning.dongshan.baijiahu", START, END, 20, List.of("medical"),
                false, true, false, false, true, 12L)));
    }

    // ---- drafts kept beyond the conversation

    static Stream<Arguments> kept() {
        return Stream.of(
                // a kept draft is offered back with the step it was at; a draft without a title is not worth offering
                Arguments.of(new Ask(TEAMED, Field.TIME), new Offer(TEAMED, Field.TIME)),
                Arguments.of(new AskArea(ADDRESSED, "jiangning"), new Offer(ADDRESSED, Field.AREA)),
                Arguments.of(new Preview(REVIEWED), new Offer(REVIEWED, null)),
                Arguments.of(new Ask(FRESH, Field.TITLE), new Ask(FRESH, Field.TITLE)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("kept")
    void theNextRecruitOffersAKeptDraft(State kept, State begun) {
        Transition<State> t = flow.begin(turn(text("/recruit"), Role.COORDINATOR), Optional.of(kept));

        assertThat(t.state()).isEqualTo(begun);
        assertThat(Replies.keys(t)).containsExactly(begun instanceof Offer ? "recruit.offer_draft" : "recruit.ask_title");
    }

    static Stream<Arguments> offers() {
        return Stream.of(
                Arguments.of(new Offer(TEAMED, Field.TIME), press("recruit:draft:resume"), Outcome.CONTINUE, new Ask(TEAMED, Field.TIME),
                        List.of("recruit.ask_time")),
                Arguments.of(new Offer(ADDRESSED, Field.AREA), press("recruit:draft:resume"), Outcome.CONTINUE, new AskArea(ADDRESSED, null),
                        List.of("recruit.ask_area")),
                Arguments.of(new Offer(TEAMED, Field.TIME), press("recruit:draft:fresh"), Outcome.CONTINUE, new Ask(FRESH, Field.TITLE),
                        List.of("recruit.ask_title")),
                Arguments.of(new Offer(TEAMED, Field.TIME), text("继续"), Outcome.INVALID, null, List.of("recruit.use_buttons")),
                Arguments.of(new Offer(TEAMED, Field.TIME), press("recruit:publish"), Outcome.INVALID, null, List.of("recruit.use_buttons")));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {2} {4}")
    @MethodSource("offers")
    void anOfferedDraftIsResumedOrStartedOver(State from, Inbound input, Outcome outcome, State to, List<String> replies) {
        Transition<State> next = flow.step(from, turn(input, Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.CONTINUE) {
            assertThat(next.state()).isEqualTo(to);
        }
        assertThat(Replies.keys(next)).isEqualTo(replies);
    }

    @Test
    void aResumedPreviewIsDrawnAgain() {
        Transition<State> next = flow.step(new Offer(REVIEWED, null), turn(press("recruit:draft:resume"), Role.COORDINATOR));

        assertThat(next.state()).isEqualTo(new Preview(REVIEWED));
        assertThat(next.effects()).containsExactly(new PreviewCall(REVIEWED));
    }

    @Test
    void whatIsKeptIsTheDraftOnceItHasATitleAndAnOfferKeepsWhatItOffers() {
        assertThat(flow.keepsDrafts()).isTrue();
        assertThat(flow.draftOf(new Ask(FRESH, Field.TITLE))).isNull();
        assertThat(flow.draftOf(new Ask(TEAMED, Field.TIME))).isEqualTo(new Ask(TEAMED, Field.TIME));
        assertThat(flow.draftOf(new Offer(TEAMED, Field.TIME))).isEqualTo(new Ask(TEAMED, Field.TIME));
        assertThat(flow.draftOf(new Offer(ADDRESSED, Field.AREA))).isEqualTo(new AskArea(ADDRESSED, null));
        assertThat(flow.draftOf(new Offer(REVIEWED, null))).isEqualTo(new Preview(REVIEWED));
    }

    static Stream<Arguments> timeReasks() {
        return Stream.of(
                Arguments.of("soon", "recruit.time_format"),
                Arguments.of("今天 0:00-1:00", "recruit.time_past"),
                Arguments.of("明天 8:00-8:00", "recruit.time_end_not_after_start"));
    }

    /** The examples are tomorrow's date by the turn's clock in the organisation's zone, whatever the clock says. */
    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("timeReasksAt")
    void aWrongTimeIsAskedAgainWithTomorrowAsTheExample(String typed, String reply, String now) {
        Instant at = Instant.parse(now);
        Transition<State> next = flow.step(new Ask(TEAMED, Field.TIME), Fixtures.turn(text(typed), Languages.CHINESE, at, Role.COORDINATOR));

        LocalDate tomorrow = at.atZone(Fixtures.SHANGHAI).toLocalDate().plusDays(1);
        assertThat(next.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(Replies.keys(next)).containsExactly(reply);
        Txt said = ((Outbound.Send) next.replies().get(0)).text();
        assertThat(said.args()).first().isEqualTo(Txt.literal(tomorrow.toString()));
        assertThat(said.args().get(1)).isEqualTo(Txt.literal(
                String.format("%02d-%02d", tomorrow.getMonthValue(), tomorrow.getDayOfMonth())));
    }

    static Stream<Arguments> timeReasksAt() {
        // 23:30 in Shanghai is the next day's date already: tomorrow is counted from there
        return timeReasks().flatMap(row -> Stream.of("2026-12-01T02:00:00Z", "2027-02-28T15:30:00Z", "2026-12-31T23:59:00Z")
                .map(now -> Arguments.of(row.get()[0], row.get()[1], now)));
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void everyEditButtonOfThePreviewAsksItsField(Field field) {
        List<String> offered = RecruitQuestions.previewKeyboard().rows().stream().flatMap(List::stream).map(Markup.Button::data).toList();
        assertThat(offered).contains("recruit:edit:" + field.name());

        Transition<State> next = flow.step(new Preview(REVIEWED), turn(press("recruit:edit:" + field.name()), Role.COORDINATOR));

        assertThat(next.outcome()).isEqualTo(Outcome.CONTINUE);
        assertThat(next.state()).isEqualTo(field == Field.AREA ? new AskArea(REVIEWED, null) : new Ask(REVIEWED, field));
    }

    // ---- the role, re-checked at every step

    /** Every step (each field asked), with an input that would otherwise move on, ask for the teams or the preview, or publish. */
    static Stream<Arguments> everyStep() {
        return Stream.of(
                Arguments.of(new Ask(FRESH, Field.TITLE), text("核酸检测志愿者")),
                Arguments.of(new Ask(TITLED, Field.DESCRIPTION), text("协助信息登记")),
                Arguments.of(new Ask(DESCRIBED, Field.SITE), text("百家湖社区核酸检测点")),
                Arguments.of(new Ask(SITED, Field.LOCATION), location(31.93, 118.82)),
                Arguments.of(new AskArea(ADDRESSED, null), text("玄武区")),
                Arguments.of(new Ask(PLACED, Field.TEAM), press("recruit:team:12")),
                Arguments.of(new Ask(TEAMED, Field.TIME), text("明天 8:00-12:00")),
                Arguments.of(new Ask(TIMED, Field.SLOTS), text("20")),
                Arguments.of(new Ask(SLOTTED, Field.SKILLS), press("recruit:skills:done")),
                Arguments.of(new Ask(SKILLED, Field.TARGET), press("recruit:target:done")),
                Arguments.of(new Preview(REVIEWED), press("recruit:publish")),
                Arguments.of(new Offer(TEAMED, Field.TIME), press("recruit:draft:resume")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aCallerWhoIsNoLongerACoordinatorIsRefusedAtEveryStepAndPublishesNothing(State state, Inbound input) {
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
    void theRoleRowsCoverEveryStepAndEveryFieldAsked() {
        assertThat(everyStep().map(row -> row.get()[0].getClass()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(State.class.getPermittedSubclasses()));
        // areas are asked by AskArea, never by Ask
        assertThat(everyStep().map(row -> row.get()[0]).filter(Ask.class::isInstance).map(s -> ((Ask) s).field()).collect(Collectors.toSet()))
                .isEqualTo(Arrays.stream(Field.values()).filter(f -> f != Field.AREA).collect(Collectors.toCollection(() -> EnumSet.noneOf(Field.class))));
    }

    // ---- inputs

    private static Turn turn(Inbound input, Role... roles) {
        return Fixtures.turn(input, Languages.CHINESE, Fixtures.NOW, roles);
    }

    private static Inbound text(String text) {
        return Fixtures.text(1, Fixtures.privateChat(USER), Fixtures.user(USER), text);
    }

    private static Inbound press(String data) {
        return Fixtures.button(2, Fixtures.privateChat(USER), Fixtures.user(USER), PROMPT, data);
    }

    private static Inbound location(double latitude, double longitude) {
        return new Inbound.Location(4, Fixtures.privateChat(USER), Fixtures.user(USER), 8, latitude, longitude);
    }

    private static Inbound contact() {
        return new Inbound.Contact(3, Fixtures.privateChat(USER), Fixtures.user(USER), 7, "+8613800138000", USER);
    }
}
