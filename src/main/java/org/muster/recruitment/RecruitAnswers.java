package org.muster.recruitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.muster.catalog.AreaPicker;
import org.muster.catalog.Catalog;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Numerals;
import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.RecruitFlow.Ask;
import org.muster.recruitment.RecruitFlow.AskArea;
import org.muster.recruitment.RecruitFlow.Draft;
import org.muster.recruitment.RecruitFlow.Field;
import org.muster.recruitment.RecruitFlow.Preview;
import org.muster.recruitment.RecruitFlow.State;

/** The answers of {@code /recruit}: each field's typed text or pressed button read, checked and taken into the draft. Pure. */
final class RecruitAnswers {

    private static final String NAME = RecruitFlow.NAME;

    private final Catalog catalog;
    private final RecruitQuestions questions;
    private final TimeWindowParser times;
    private final Numerals numerals;
    private final List<String> peopleWords;

    RecruitAnswers(Catalog catalog, RecruitQuestions questions, TimeWindowParser times, Numerals numerals, List<String> peopleWords) {
        this.catalog = catalog;
        this.questions = questions;
        this.times = times;
        this.numerals = numerals;
        this.peopleWords = List.copyOf(peopleWords);
    }

    Transition<State> text(Ask ask, Turn turn, int min, int max, Field next) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.ask_" + ask.field().name().toLowerCase(Locale.ROOT))));
        }
        String value = text.text().strip();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            return Transition.invalid(turn.reply(Txt.of("recruit.length", min, max)));
        }
        return questions.after(turn, ask.draft().with(ask.field(), value), next);
    }

    Transition<State> onLocation(Ask ask, Turn turn) {
        Outbound removeKeyboard = turn.reply(Txt.of("recruit.location_saved"), new Markup.RemoveKeyboard());
        if (turn.inbound() instanceof Inbound.Location location) {
            return questions.after(turn, ask.draft().withPoint(location.latitude(), location.longitude()), Field.AREA, removeKeyboard);
        }
        if (turn.inbound() instanceof Inbound.Text text) {
            String address = text.text().strip();
            if (address.codePointCount(0, address.length()) < 2 || address.length() > 200) {
                return Transition.invalid(turn.reply(Txt.of("recruit.length", 2, 200)));
            }
            return questions.after(turn, ask.draft().withAddress(address), Field.AREA, removeKeyboard);
        }
        return Transition.invalid(turn.reply(Txt.of("recruit.ask_location")));
    }

    Transition<State> onArea(AskArea ask, Turn turn) {
        AreaPicker.Choice choice = questions.areas().read(ask.parent(), turn.inbound());
        Integer prompt = turn.inbound() instanceof Inbound.Button button ? button.messageId() : null;
        if (choice instanceof AreaPicker.Choice.Descend descend) {
            Outbound redraw = prompt != null
                    ? new Outbound.EditButtons(turn.chatId(), prompt, questions.areaKeyboard(descend.code(), turn), turn.locale())
                    : turn.reply(Txt.of("recruit.ask_area"), questions.areaKeyboard(descend.code(), turn));
            return Transition.to(new AskArea(ask.draft(), descend.code()), redraw);
        }
        if (choice instanceof AreaPicker.Choice.Chosen chosen) {
            Txt named = Txt.of("recruit.area_chosen", Txt.literal(catalog.pathName(chosen.code(), turn.locale())));
            Outbound shown = prompt != null ? new Outbound.Edit(turn.chatId(), prompt, named, null, turn.locale()) : turn.reply(named);
            Draft draft = ask.draft().with(Field.AREA, chosen.code());
            if (draft.reviewed() && !chosen.code().equals(ask.draft().areaCode())) {
                // another area may be served by other teams: the team is asked again, then the preview
                Transition<State> team = questions.ask(turn, draft.withTeam(null), Field.TEAM);
                return new Transition<>(team.outcome(), team.state(), RecruitQuestions.prepend(shown, team.replies()), team.effects());
            }
            return questions.after(turn, draft, Field.TEAM, shown);
        }
        if (choice instanceof AreaPicker.Choice.Stale) {
            return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
        }
        return Transition.invalid(turn.reply(Txt.of("recruit.area_unknown"), questions.areaKeyboard(ask.parent(), turn)));
    }

    Transition<State> onTeam(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button) || !button.data().startsWith(NAME + ":team:")) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons")));
        }
        String value = button.data().substring((NAME + ":team:").length());
        Long team;
        try {
            team = value.equals("none") ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
        }
        return questions.after(turn, ask.draft().withTeam(team), Field.TIME, new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
    }

    /** A window that cannot be taken is asked again with examples from today's date; the draft stays whatever happens. */
    Transition<State> onTime(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(RecruitQuestions.askTime(turn));
        }
        TimeWindowParser.Result window = times.parse(text.text(), turn.now(), turn.zone());
        if (!window.ok()) {
            return Transition.invalid(turn.reply(Txt.of("recruit.time_" + window.problem().name().toLowerCase(Locale.ROOT),
                    RecruitQuestions.examples(turn))));
        }
        return questions.after(turn, ask.draft().withTime(window.start().toInstant(), window.end().toInstant()), Field.SLOTS);
    }

    /** Places: a whole number from 1 to 10000, in digits or words (二十, 两百五十), with or without a measure word (个, 人). */
    Transition<State> onSlots(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.ask_slots")));
        }
        OptionalInt slots = numerals.count(text.text(), peopleWords);
        if (slots.isEmpty() || slots.getAsInt() < 1 || slots.getAsInt() > 10000) {
            return Transition.invalid(turn.reply(Txt.of("recruit.slots_invalid")));
        }
        return questions.after(turn, ask.draft().with(Field.SLOTS, slots.getAsInt()), Field.SKILLS);
    }

    Transition<State> onSkills(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons"), questions.skillKeyboard(ask.draft(), turn.locale())));
        }
        if (button.data().equals(NAME + ":skills:done")) {
            return questions.after(turn, ask.draft(), Field.TARGET, new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
        }
        String prefix = NAME + ":skill:";
        String code = button.data().startsWith(prefix) ? button.data().substring(prefix.length()) : "";
        if (!catalog.hasSkill(code)) {
            return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
        }
        List<String> skills = new ArrayList<>(ask.draft().skills());
        if (!skills.remove(code)) {
            skills.add(code);
        }
        Draft draft = ask.draft().withSkills(skills);
        return Transition.to(new Ask(draft, Field.SKILLS),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), questions.skillKeyboard(draft, turn.locale()), turn.locale()));
    }

    Transition<State> onTarget(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons"), RecruitQuestions.targetKeyboard(ask.draft())));
        }
        Draft d = ask.draft();
        Draft next = switch (button.data()) {
            case NAME + ":target:area" -> d.withTarget(d.targetAll(), !d.targetByArea(), d.targetBySkill(), d.targetDirect());
            case NAME + ":target:skill" -> d.withTarget(d.targetAll(), d.targetByArea(), !d.targetBySkill(), d.targetDirect());
            case NAME + ":target:all" -> d.withTarget(!d.targetAll(), d.targetByArea(), d.targetBySkill(), d.targetDirect());
            case NAME + ":target:direct" -> d.withTarget(d.targetAll(), d.targetByArea(), d.targetBySkill(), !d.targetDirect());
            case NAME + ":target:done" -> null;
            default -> d;
        };
        if (next == d) {
            return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
        }
        if (next == null) {
            if (!d.targetAll() && !d.targetByArea() && !d.targetBySkill() && !d.targetDirect()) {
                return Transition.to(ask, turn.toast(Txt.of("recruit.pick_target")));
            }
            return questions.preview(turn, d, new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
        }
        return Transition.to(new Ask(next, Field.TARGET),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), RecruitQuestions.targetKeyboard(next), turn.locale()));
    }

    Transition<State> onPreview(Preview preview, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons")));
        }
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        if (button.data().equals(NAME + ":publish")) {
            if (!preview.draft().startsAt().isAfter(turn.now())) {
                return Transition.invalid(turn.reply(Txt.of("recruit.time_past", RecruitQuestions.examples(turn))));
            }
            return Transition.<State>done(clear).with(new PublishCall(preview.draft()));
        }
        if (button.data().equals(NAME + ":discard")) {
            return Transition.done(clear, turn.reply(Txt.of("recruit.discarded")));
        }
        String prefix = NAME + ":edit:";
        if (button.data().startsWith(prefix)) {
            try {
                Field field = Field.valueOf(button.data().substring(prefix.length()));
                Transition<State> asked = questions.ask(turn, preview.draft(), field);
                return new Transition<>(asked.outcome(), asked.state(), RecruitQuestions.prepend(clear, asked.replies()), asked.effects());
            } catch (IllegalArgumentException e) {
                return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
            }
        }
        return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
    }
}
