package org.muster.recruitment;

import java.time.LocalDate;
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
import org.muster.recruitment.RecruitFlow.Ask;
import org.muster.recruitment.RecruitFlow.AskArea;
import org.muster.recruitment.RecruitFlow.Draft;
import org.muster.recruitment.RecruitFlow.Field;
import org.muster.recruitment.RecruitFlow.Preview;
import org.muster.recruitment.RecruitFlow.State;

/** The questions of {@code /recruit}: each field's prompt and keyboard, and the preview. Pure. */
final class RecruitQuestions {

    private static final String NAME = RecruitFlow.NAME;

    private final Catalog catalog;
    private final AreaPicker areas;

    RecruitQuestions(Catalog catalog) {
        this.catalog = catalog;
        this.areas = new AreaPicker(catalog, NAME + ":area:", 1);
    }

    AreaPicker areas() {
        return areas;
    }

    Transition<State> ask(Turn turn, Draft draft, Field field) {
        return switch (field) {
            case AREA -> Transition.to(new AskArea(draft, null), turn.reply(Txt.of("recruit.ask_area"), areaKeyboard(null, turn)));
            case LOCATION -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_location"),
                    new Markup.Keyboard(List.of(List.of(new Markup.Key(Txt.of("recruit.share_location"), Markup.KeyAction.SHARE_LOCATION))),
                            true, Txt.of("recruit.location_placeholder"))));
            case SKILLS -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_skills"), skillKeyboard(draft, turn.locale())));
            // which teams serve the area only the database knows: an effect asks
            case TEAM -> Transition.<State>to(new Ask(draft, field)).with(new AskTeam(draft.areaCode()));
            case TARGET -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_target"), targetKeyboard(draft)));
            case TIME -> Transition.to(new Ask(draft, field), askTime(turn));
            default -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_" + field.name().toLowerCase(Locale.ROOT))));
        };
    }

    static Outbound askTime(Turn turn) {
        return turn.reply(Txt.of("recruit.ask_time", examples(turn)));
    }

    /** Example dates for a time window, from the turn's clock in the organisation's zone: tomorrow, in full and without the year. */
    static Object[] examples(Turn turn) {
        LocalDate tomorrow = turn.now().atZone(turn.zone()).toLocalDate().plusDays(1);
        return new Object[] {Txt.literal(tomorrow.toString()),
                Txt.literal(String.format(Locale.ROOT, "%02d-%02d", tomorrow.getMonthValue(), tomorrow.getDayOfMonth()))};
    }

    static List<Outbound> prepend(Outbound first, List<Outbound> rest) {
        List<Outbound> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** After a field: the next one, or back to the preview once it was shown. */
    Transition<State> after(Turn turn, Draft draft, Field next, Outbound... first) {
        Transition<State> then = draft.reviewed() ? preview(turn, draft) : ask(turn, draft, next);
        List<Outbound> replies = new ArrayList<>(List.of(first));
        replies.addAll(then.replies());
        return new Transition<>(then.outcome(), then.state(), replies, then.effects());
    }

    Markup.Inline areaKeyboard(String parent, Turn turn) {
        return areas.keyboard(parent, turn.locale(), Txt.of("recruit.area_whole"), Txt.of("recruit.back"));
    }

    Markup.Inline skillKeyboard(Draft draft, Locale locale) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        List<Markup.Button> row = new ArrayList<>();
        for (var skill : catalog.skills()) {
            Txt label = Txt.literal(skill.name(locale));
            row.add(Markup.Button.callback(draft.skills().contains(skill.code()) ? Txt.of("recruit.selected", label) : label,
                    NAME + ":skill:" + skill.code()));
            if (row.size() == 2) {
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("recruit.done"), NAME + ":skills:done")));
        return new Markup.Inline(rows);
    }

    static Markup.Inline targetKeyboard(Draft draft) {
        return new Markup.Inline(List.of(
                List.of(toggle("recruit.target_area", draft.targetByArea(), "area")),
                List.of(toggle("recruit.target_skill", draft.targetBySkill(), "skill")),
                List.of(toggle("recruit.target_all", draft.targetAll(), "all")),
                List.of(toggle("recruit.target_direct", draft.targetDirect(), "direct")),
                List.of(Markup.Button.callback(Txt.of("recruit.done"), NAME + ":target:done"))));
    }

    private static Markup.Button toggle(String key, boolean on, String what) {
        return Markup.Button.callback(on ? Txt.of("recruit.selected", Txt.of(key)) : Txt.of(key), NAME + ":target:" + what);
    }

    // ---- preview

    Transition<State> preview(Turn turn, Draft draft, Outbound... first) {
        Draft reviewed = draft.inReview();
        return Transition.<State>to(new Preview(reviewed), first).with(new PreviewCall(reviewed));
    }

    static Markup.Inline previewKeyboard() {
        List<List<Markup.Button>> rows = new ArrayList<>();
        rows.add(List.of(Markup.Button.callback(Txt.of("recruit.publish"), NAME + ":publish")));
        List<Field> fields = List.of(Field.values());
        for (int i = 0; i < fields.size(); i += 3) {
            List<Markup.Button> row = new ArrayList<>();
            for (Field field : fields.subList(i, Math.min(fields.size(), i + 3))) {
                row.add(Markup.Button.callback(Txt.of("recruit.edit_" + field.name().toLowerCase(Locale.ROOT)), NAME + ":edit:" + field.name()));
            }
            rows.add(row);
        }
        rows.add(List.of(Markup.Button.callback(Txt.of("recruit.discard"), NAME + ":discard")));
        return new Markup.Inline(rows);
    }
}
