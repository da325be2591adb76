package org.muster.volunteer;

import java.util.List;

import org.muster.catalog.Catalog;
import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * Sign-up (报名) in the private chat: real name → phone → area → skills → availability → consent
 * → review with "confirm" and "edit" buttons. Editing a field from the review (or from /profile)
 * comes back to the review. Pure: the catalog is an immutable snapshot, and the one write is the
 * {@link SaveVolunteer} effect on confirmation. The questions are asked by {@link SignupQuestions},
 * the answers read by {@link SignupAnswers}. A press on a button of an earlier step neither breaks
 * nor restarts the sign-up: it is told the button is out of date and the current question is shown
 * again, and it does not count as a wrong answer.
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

    private final SignupQuestions questions;
    private final SignupAnswers answers;

    SignupFlow(Catalog catalog) {
        this.questions = new SignupQuestions(catalog);
        this.answers = new SignupAnswers(catalog, questions);
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
        return questions.askName(turn, Draft.fresh(then));
    }

    /** A signed-up volunteer starts at the review of what is on record. */
    Transition<State> review(Turn turn, Draft onRecord) {
        return questions.toReview(turn, onRecord.inReview());
    }

    /** Straight to one field of what is on record (from /profile); afterwards the review. */
    Transition<State> edit(Turn turn, Draft onRecord, Field field) {
        return questions.ask(turn, onRecord.inReview(), field);
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (turn.inbound() instanceof Inbound.Button button && !answersButton(state, button.data())) {
            return questions.stale(state, turn);
        }
        if (state instanceof AskName ask) {
            return answers.onName(ask, turn);
        }
        if (state instanceof AskPhone ask) {
            return answers.onPhone(ask, turn);
        }
        if (state instanceof AskArea ask) {
            return answers.onArea(ask, turn);
        }
        if (state instanceof AskSkills ask) {
            return answers.onSkills(ask, turn);
        }
        if (state instanceof AskAvailability ask) {
            return answers.onAvailability(ask, turn);
        }
        if (state instanceof AskConsent ask) {
            return answers.onConsent(ask, turn);
        }
        return answers.onReview((Review) state, turn);
    }

    /** Whether a button's data belongs to the question of {@code state}; any other press is from an earlier step. */
    private static boolean answersButton(State state, String data) {
        String d = data == null ? "" : data;
        if (state instanceof AskArea) {
            return d.startsWith(NAME + ":area:");
        }
        if (state instanceof AskSkills) {
            return d.startsWith(NAME + ":skill:") || d.equals(NAME + ":skills:done");
        }
        if (state instanceof AskAvailability) {
            return d.startsWith(NAME + ":avail:");
        }
        if (state instanceof AskConsent) {
            return d.startsWith(NAME + ":consent:");
        }
        if (state instanceof Review) {
            return d.equals(NAME + ":confirm") || d.startsWith(NAME + ":edit:");
        }
        return false;
    }

    /** The question of {@code state} asked again, as it was first asked (a deep link pressed in the middle of a sign-up). */
    @Override
    public List<Outbound> reask(State state, Turn turn) {
        return questions.question(state, turn);
    }
}
