package org.muster.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.muster.catalog.AreaPicker;
import org.muster.catalog.Catalog;
import org.muster.conversation.Flow;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Transition;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** {@code /broadcast}: the notice's text, who gets it (all groups, an area's, a skill's), a preview, send. */
@Component
class BroadcastFlow implements Flow<BroadcastFlow.State> {

    static final String NAME = "bcast";
    static final int MAX_TEXT = 3500;

    sealed interface State permits AskText, AskTarget, AskArea, AskSkills, Preview {
    }

    record AskText() implements State {
    }

    record AskTarget(String text) implements State {
    }

    record AskArea(String text, String parent) implements State {
    }

    record AskSkills(String text, List<String> skills) implements State {
    }

    record Preview(String text, Target target) implements State {
    }

    private final Catalog catalog;
    private final AreaPicker areas;

    BroadcastFlow(Catalog catalog) {
        this.catalog = catalog;
        this.areas = new AreaPicker(catalog, NAME + ":area:", 1);
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
        return Txt.of("broadcast.restart");
    }

    Transition<State> begin(Turn turn) {
        return Transition.to(new AskText(), turn.reply(Txt.of("broadcast.ask_text")));
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (state instanceof AskText) {
            if (!(turn.inbound() instanceof Inbound.Text text) || text.text().isBlank()) {
                return Transition.invalid(turn.reply(Txt.of("broadcast.ask_text")));
            }
            if (text.text().length() > MAX_TEXT) {
                return Transition.invalid(turn.reply(Txt.of("broadcast.too_long", MAX_TEXT)));
            }
            return askTarget(turn, text.text().strip());
        }
        if (state instanceof AskTarget ask) {
            return onTarget(ask, turn);
        }
        if (state instanceof AskArea ask) {
            return onArea(ask, turn);
        }
        if (state instanceof AskSkills ask) {
            return onSkills(ask, turn);
        }
        return onPreview((Preview) state, turn);
    }

    private Transition<State> askTarget(Turn turn, String text) {
        return Transition.to(new AskTarget(text), turn.reply(Txt.of("broadcast.ask_target"), new Markup.Inline(List.of(
                List.of(Markup.Button.callback(Txt.of("broadcast.target_all"), NAME + ":target:all")),
                List.of(Markup.Button.callback(Txt.of("broadcast.target_area"), NAME + ":target:area")),
                List.of(Markup.Button.callback(Txt.of("broadcast.target_skill"), NAME + ":target:skill"))))));
    }

    private Transition<State> onTarget(AskTarget ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("broadcast.use_buttons")));
        }
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        return switch (button.data()) {
            case NAME + ":target:all" -> preview(turn, ask.text(), new Target(true, false, false, false, null, List.of()), clear);
            case NAME + ":target:area" -> Transition.to(new AskArea(ask.text(), null), clear,
                    turn.reply(Txt.of("broadcast.ask_area"), areaKeyboard(null, turn)));
            case NAME + ":target:skill" -> Transition.to(new AskSkills(ask.text(), List.of()), clear,
                    turn.reply(Txt.of("broadcast.ask_skills"), skillKeyboard(List.of(), turn)));
            default -> Transition.invalid(turn.toast(Txt.of("broadcast.stale_button")));
        };
    }

    private Markup.Inline areaKeyboard(String parent, Turn turn) {
        return areas.keyboard(parent, turn.locale(), Txt.of("broadcast.area_whole"), Txt.of("broadcast.back"));
    }

    private Transition<State> onArea(AskArea ask, Turn turn) {
        AreaPicker.Choice choice = areas.read(ask.parent(), turn.inbound());
        if (choice instanceof AreaPicker.Choice.Descend descend && turn.inbound() instanceof Inbound.Button button) {
            return Transition.to(new AskArea(ask.text(), descend.code()), new Outbound.EditButtons(turn.chatId(), button.messageId(),
                    areaKeyboard(descend.code(), turn), turn.locale()));
        }
        if (choice instanceof AreaPicker.Choice.Descend descend) {
            return Transition.to(new AskArea(ask.text(), descend.code()), turn.reply(Txt.of("broadcast.ask_area"),
                    areaKeyboard(descend.code(), turn)));
        }
        if (choice instanceof AreaPicker.Choice.Chosen chosen) {
            List<Outbound> first = new ArrayList<>();
            if (turn.inbound() instanceof Inbound.Button button) {
                first.add(new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
            }
            return preview(turn, ask.text(), new Target(false, true, false, false, chosen.code(), List.of()), first.toArray(Outbound[]::new));
        }
        if (choice instanceof AreaPicker.Choice.Stale) {
            return Transition.invalid(turn.toast(Txt.of("broadcast.stale_button")));
        }
        return Transition.invalid(turn.reply(Txt.of("broadcast.ask_area"), areaKeyboard(ask.parent(), turn)));
    }

    private Markup.Inline skillKeyboard(List<String> chosen, Turn turn) {
        List<List<Markup.Button>> rows = new ArrayList<>();
        catalog.skills().forEach(skill -> rows.add(List.of(Markup.Button.callback(
                chosen.contains(skill.code()) ? Txt.of("broadcast.selected", Txt.literal(skill.name(turn.locale())))
                        : Txt.literal(skill.name(turn.locale())), NAME + ":skill:" + skill.code()))));
        rows.add(List.of(Markup.Button.callback(Txt.of("broadcast.done"), NAME + ":skills:done")));
        return new Markup.Inline(rows);
    }

    private Transition<State> onSkills(AskSkills ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("broadcast.use_buttons")));
        }
        if (button.data().equals(NAME + ":skills:done")) {
            if (ask.skills().isEmpty()) {
                return Transition.to(ask, turn.toast(Txt.of("broadcast.pick_skill")));
            }
            return preview(turn, ask.text(), new Target(false, false, true, false, null, ask.skills()),
                    new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
        }
        String prefix = NAME + ":skill:";
        String code = button.data().startsWith(prefix) ? button.data().substring(prefix.length()) : "";
        if (!catalog.hasSkill(code)) {
            return Transition.invalid(turn.toast(Txt.of("broadcast.stale_button")));
        }
        List<String> skills = new ArrayList<>(ask.skills());
        if (!skills.remove(code)) {
            skills.add(code);
        }
        return Transition.to(new AskSkills(ask.text(), skills),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), skillKeyboard(skills, turn), turn.locale()));
    }

    /** The preview needs the number of recipients, which only the database knows: an effect produces it. */
    private Transition<State> preview(Turn turn, String text, Target target, Outbound... first) {
        return Transition.<State>to(new Preview(text, target), first).with(new PreviewNotice(text, target));
    }

    private Transition<State> onPreview(Preview preview, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("broadcast.use_buttons")));
        }
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        return switch (button.data()) {
            case NAME + ":send" -> Transition.<State>done(clear).with(new SendNotice(preview.text(), preview.target()));
            case NAME + ":edit" -> Transition.to(new AskText(), clear, turn.reply(Txt.of("broadcast.ask_text")));
            case NAME + ":cancel" -> Transition.done(clear, turn.reply(Txt.of("broadcast.cancelled")));
            default -> Transition.invalid(turn.toast(Txt.of("broadcast.stale_button")));
        };
    }
}
