package org.muster.recruitment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.muster.catalog.Catalog;
import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Numerals;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code /recruit} (招募): title → description → site → location (shared or typed) → area → team → time
 * window → places → skills → who to reach → a preview exactly as the groups will see it, with a
 * button per field and "publish". Pure: the preview's reach and the publishing are effects. The draft
 * is kept after every step ({@link #keepsDrafts}), so a conversation that gave up, was cancelled or ran
 * idle loses nothing: the next {@code /recruit} offers to resume it. The questions are asked by
 * {@link RecruitQuestions}, the answers read by {@link RecruitAnswers}.
 */
@Component
class RecruitFlow implements Flow<RecruitFlow.State> {

    static final String NAME = "recruit";

    record Draft(String title, String description, String siteName, String siteAddress, Double latitude, Double longitude,
                 String areaCode, Instant startsAt, Instant endsAt, Integer slots, List<String> skills,
                 boolean targetAll, boolean targetByArea, boolean targetBySkill, boolean targetDirect, boolean reviewed, Long teamId) {

        Draft {
            skills = skills == null ? List.of() : List.copyOf(skills);
        }

        static Draft fresh() {
            return new Draft(null, null, null, null, null, null, null, null, null, null, List.of(), false, true, false, false, false, null);
        }

        Draft with(Field field, Object value) {
            return switch (field) {
                case TITLE -> new Draft((String) value, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
                case DESCRIPTION -> new Draft(title, (String) value, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
                case SITE -> new Draft(title, description, (String) value, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
                case AREA -> new Draft(title, description, siteName, siteAddress, latitude, longitude, (String) value, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
                case SLOTS -> new Draft(title, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, (Integer) value, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
                default -> throw new IllegalArgumentException(field.name());
            };
        }

        Draft withAddress(String address) {
            return new Draft(title, description, siteName, address, null, null, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
        }

        Draft withPoint(double lat, double lon) {
            return new Draft(title, description, siteName, null, lat, lon, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
        }

        Draft withTime(Instant start, Instant end) {
            return new Draft(title, description, siteName, siteAddress, latitude, longitude, areaCode, start, end, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
        }

        Draft withSkills(List<String> value) {
            return new Draft(title, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, value, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, teamId);
        }

        Draft withTarget(boolean all, boolean byArea, boolean bySkill, boolean direct) {
            return new Draft(title, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, skills, all, byArea, bySkill, direct, reviewed, teamId);
        }

        Draft inReview() {
            return new Draft(title, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, true, teamId);
        }

        Draft withTeam(Long team) {
            return new Draft(title, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt, slots, skills, targetAll, targetByArea, targetBySkill, targetDirect, reviewed, team);
        }

        /** The call as it will be posted, for the preview. */
        Call asCall(long createdBy) {
            return new Call(0, title, description, siteName, siteAddress, latitude, longitude, areaCode, startsAt, endsAt,
                    slots == null ? 0 : slots, skills, "open", targetAll, targetByArea, targetBySkill, targetDirect, createdBy, 0, teamId);
        }
    }

    enum Field { TITLE, DESCRIPTION, SITE, LOCATION, AREA, TEAM, TIME, SLOTS, SKILLS, TARGET }

    sealed interface State permits Ask, AskArea, Preview, Offer {
        Draft draft();
    }

    /** Waiting for a typed (or shared) answer to {@code field}; skills and target answer with buttons. */
    record Ask(Draft draft, Field field) implements State {
    }

    record AskArea(Draft draft, String parent) implements State {
    }

    record Preview(Draft draft) implements State {
    }

    /** A kept draft offered back: resume it at {@code field} (null: at the preview), or start over. */
    record Offer(Draft draft, Field field) implements State {
    }

    private final RecruitQuestions questions;
    private final RecruitAnswers answers;

    @org.springframework.beans.factory.annotation.Autowired
    RecruitFlow(Catalog catalog, MessageSource messages) {
        this(catalog, RecruitWords.from(messages), Numerals.from(messages));
    }

    RecruitFlow(Catalog catalog, java.util.Map<String, List<String>> words, Numerals numerals) {
        this.questions = new RecruitQuestions(catalog);
        this.answers = new RecruitAnswers(catalog, questions, RecruitWords.parser(words), numerals, words.getOrDefault("people", List.of()));
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
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
        return Txt.of("recruit.restart");
    }

    @Override
    public boolean keepsDrafts() {
        return true;
    }

    /** A draft is worth keeping once it has a title; an offer keeps the draft it offers. */
    @Override
    public State draftOf(State state) {
        if (state instanceof Offer offer) {
            return offer.field() == null ? new Preview(offer.draft())
                    : offer.field() == Field.AREA ? new AskArea(offer.draft(), null) : new Ask(offer.draft(), offer.field());
        }
        return state.draft().title() == null ? null : state;
    }

    Transition<State> begin(Turn turn) {
        return begin(turn, Optional.empty());
    }

    /** A new call, or the offer to resume the draft kept from the last {@code /recruit} that did not finish. */
    Transition<State> begin(Turn turn, Optional<State> kept) {
        Optional<State> worth = kept.map(this::draftOf);
        if (worth.isEmpty()) {
            return questions.ask(turn, Draft.fresh(), Field.TITLE);
        }
        State state = worth.get();
        Field field = state instanceof Ask ask ? ask.field() : state instanceof AskArea ? Field.AREA : null;
        return Transition.to(new Offer(state.draft(), field), turn.reply(Txt.of("recruit.offer_draft", Txt.literal(state.draft().title())),
                Markup.Inline.of(List.of(Markup.Button.callback(Txt.of("recruit.resume_draft"), NAME + ":draft:resume"),
                        Markup.Button.callback(Txt.of("recruit.start_over"), NAME + ":draft:fresh")))));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (state instanceof Offer offer) {
            return onOffer(offer, turn);
        }
        if (state instanceof AskArea ask) {
            return answers.onArea(ask, turn);
        }
        if (state instanceof Preview preview) {
            return answers.onPreview(preview, turn);
        }
        Ask ask = (Ask) state;
        return switch (ask.field()) {
            case TITLE -> answers.text(ask, turn, 2, 60, Field.DESCRIPTION);
            case DESCRIPTION -> answers.text(ask, turn, 1, 1000, Field.SITE);
            case SITE -> answers.text(ask, turn, 2, 60, Field.LOCATION);
            case LOCATION -> answers.onLocation(ask, turn);
            case TIME -> answers.onTime(ask, turn);
            case SLOTS -> answers.onSlots(ask, turn);
            case SKILLS -> answers.onSkills(ask, turn);
            case TARGET -> answers.onTarget(ask, turn);
            case TEAM -> answers.onTeam(ask, turn);
            case AREA -> throw new IllegalStateException("areas are asked by AskArea");
        };
    }

    private Transition<State> onOffer(Offer offer, Turn turn) {
        String data = turn.inbound() instanceof Inbound.Button button ? button.data() : "";
        if (data.equals(NAME + ":draft:resume")) {
            return offer.field() == null ? questions.preview(turn, offer.draft()) : questions.ask(turn, offer.draft(), offer.field());
        }
        if (data.equals(NAME + ":draft:fresh")) {
            return questions.ask(turn, Draft.fresh(), Field.TITLE);
        }
        return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons")));
    }
}
