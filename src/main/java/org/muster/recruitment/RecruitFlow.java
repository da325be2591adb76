package org.muster.recruitment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code /recruit} (招募): title → description → site → location (shared or typed) → area → time
 * window → places → skills → who to reach → a preview exactly as the groups will see it, with a
 * button per field and "publish". Pure: the preview's reach and the publishing are effects.
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

    sealed interface State permits Ask, AskArea, Preview {
        Draft draft();
    }

    /** Waiting for a typed (or shared) answer to {@code field}; skills and target answer with buttons. */
    record Ask(Draft draft, Field field) implements State {
    }

    record AskArea(Draft draft, String parent) implements State {
    }

    record Preview(Draft draft) implements State {
    }

    private final Catalog catalog;
    private final AreaPicker areas;
    private final TimeWindowParser times;
    private final List<String> peopleWords;

    @org.springframework.beans.factory.annotation.Autowired
    RecruitFlow(Catalog catalog, MessageSource messages) {
        this(catalog, RecruitWords.from(messages));
    }

    RecruitFlow(Catalog catalog, java.util.Map<String, List<String>> words) {
        this.catalog = catalog;
        this.areas = new AreaPicker(catalog, NAME + ":area:", 1);
        this.times = RecruitWords.parser(words);
        this.peopleWords = words.getOrDefault("people", List.of());
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

    Transition<State> begin(Turn turn) {
        return ask(turn, Draft.fresh(), Field.TITLE);
    }

    @Override
    public Transition<State> next(State state, Turn turn) {
        if (state instanceof AskArea ask) {
            return onArea(ask, turn);
        }
        if (state instanceof Preview preview) {
            return onPreview(preview, turn);
        }
        Ask ask = (Ask) state;
        return switch (ask.field()) {
            case TITLE -> text(ask, turn, 2, 60, Field.DESCRIPTION);
            case DESCRIPTION -> text(ask, turn, 1, 1000, Field.SITE);
            case SITE -> text(ask, turn, 2, 60, Field.LOCATION);
            case LOCATION -> onLocation(ask, turn);
            case TIME -> onTime(ask, turn);
            case SLOTS -> onSlots(ask, turn);
            case SKILLS -> onSkills(ask, turn);
            case TARGET -> onTarget(ask, turn);
            case TEAM -> onTeam(ask, turn);
            case AREA -> throw new IllegalStateException("areas are asked by AskArea");
        };
    }

    // ---- asking

    private Transition<State> ask(Turn turn, Draft draft, Field field) {
        return switch (field) {
            case AREA -> Transition.to(new AskArea(draft, null), turn.reply(Txt.of("recruit.ask_area"), areaKeyboard(null, turn)));
            case LOCATION -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_location"),
                    new Markup.Keyboard(List.of(List.of(new Markup.Key(Txt.of("recruit.share_location"), Markup.KeyAction.SHARE_LOCATION))),
                            true, Txt.of("recruit.location_placeholder"))));
            case SKILLS -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_skills"), skillKeyboard(draft, turn.locale())));
            // which teams serve the area only the database knows: an effect asks
            case TEAM -> Transition.<State>to(new Ask(draft, field)).with(new AskTeam(draft.areaCode()));
            case TARGET -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_target"), targetKeyboard(draft)));
            default -> Transition.to(new Ask(draft, field), turn.reply(Txt.of("recruit.ask_" + field.name().toLowerCase(Locale.ROOT))));
        };
    }

    private static List<Outbound> prepend(Outbound first, List<Outbound> rest) {
        List<Outbound> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** After a field: the next one, or back to the preview once it was shown. */
    private Transition<State> after(Turn turn, Draft draft, Field next, Outbound... first) {
        Transition<State> then = draft.reviewed() ? preview(turn, draft) : ask(turn, draft, next);
        List<Outbound> replies = new ArrayList<>(List.of(first));
        replies.addAll(then.replies());
        return new Transition<>(then.outcome(), then.state(), replies, then.effects());
    }

    private Transition<State> text(Ask ask, Turn turn, int min, int max, Field next) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.ask_" + ask.field().name().toLowerCase(Locale.ROOT))));
        }
        String value = text.text().strip();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            return Transition.invalid(turn.reply(Txt.of("recruit.length", min, max)));
        }
        return after(turn, ask.draft().with(ask.field(), value), next);
    }

    private Transition<State> onLocation(Ask ask, Turn turn) {
        Outbound removeKeyboard = turn.reply(Txt.of("recruit.location_saved"), new Markup.RemoveKeyboard());
        if (turn.inbound() instanceof Inbound.Location location) {
            return after(turn, ask.draft().withPoint(location.latitude(), location.longitude()), Field.AREA, removeKeyboard);
        }
        if (turn.inbound() instanceof Inbound.Text text) {
            String address = text.text().strip();
            if (address.codePointCount(0, address.length()) < 2 || address.length() > 200) {
                return Transition.invalid(turn.reply(Txt.of("recruit.length", 2, 200)));
            }
            return after(turn, ask.draft().withAddress(address), Field.AREA, removeKeyboard);
        }
        return Transition.invalid(turn.reply(Txt.of("recruit.ask_location")));
    }

    private Markup.Inline areaKeyboard(String parent, Turn turn) {
        return areas.keyboard(parent, turn.locale(), Txt.of("recruit.area_whole"), Txt.of("recruit.back"));
    }

    private Transition<State> onArea(AskArea ask, Turn turn) {
        AreaPicker.Choice choice = areas.read(ask.parent(), turn.inbound());
        Integer prompt = turn.inbound() instanceof Inbound.Button button ? button.messageId() : null;
        if (choice instanceof AreaPicker.Choice.Descend descend) {
            Outbound redraw = prompt != null
                    ? new Outbound.EditButtons(turn.chatId(), prompt, areaKeyboard(descend.code(), turn), turn.locale())
                    : turn.reply(Txt.of("recruit.ask_area"), areaKeyboard(descend.code(), turn));
            return Transition.to(new AskArea(ask.draft(), descend.code()), redraw);
        }
        if (choice instanceof AreaPicker.Choice.Chosen chosen) {
            Outbound shown = prompt != null
                    ? new Outbound.Edit(turn.chatId(), prompt, Txt.of("recruit.area_chosen", Txt.literal(catalog.pathName(chosen.code(), turn.locale()))), null, turn.locale())
                    : turn.reply(Txt.of("recruit.area_chosen", Txt.literal(catalog.pathName(chosen.code(), turn.locale()))));
            Draft draft = ask.draft().with(Field.AREA, chosen.code());
            if (draft.reviewed() && !chosen.code().equals(ask.draft().areaCode())) {
                // another area may be served by other teams: the team is asked again, then the preview
                Transition<State> team = ask(turn, draft.withTeam(null), Field.TEAM);
                return new Transition<>(team.outcome(), team.state(), prepend(shown, team.replies()), team.effects());
            }
            return after(turn, draft, Field.TEAM, shown);
        }
        if (choice instanceof AreaPicker.Choice.Stale) {
            return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
        }
        return Transition.invalid(turn.reply(Txt.of("recruit.area_unknown"), areaKeyboard(ask.parent(), turn)));
    }

    private Transition<State> onTeam(Ask ask, Turn turn) {
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
        return after(turn, ask.draft().withTeam(team), Field.TIME, new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
    }

    private Transition<State> onTime(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.ask_time")));
        }
        TimeWindowParser.Result window = times.parse(text.text(), turn.now(), turn.zone());
        if (!window.ok()) {
            return Transition.invalid(turn.reply(Txt.of("recruit.time_" + window.problem().name().toLowerCase(Locale.ROOT))));
        }
        return after(turn, ask.draft().withTime(window.start().toInstant(), window.end().toInstant()), Field.SLOTS);
    }

    private Transition<State> onSlots(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Text text)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.ask_slots")));
        }
        String typed = text.text().strip();
        for (String word : peopleWords) {
            typed = typed.replace(word, "");
        }
        typed = typed.strip();
        int slots;
        try {
            slots = Integer.parseInt(typed);
        } catch (NumberFormatException e) {
            return Transition.invalid(turn.reply(Txt.of("recruit.slots_invalid")));
        }
        if (slots < 1 || slots > 10000) {
            return Transition.invalid(turn.reply(Txt.of("recruit.slots_invalid")));
        }
        return after(turn, ask.draft().with(Field.SLOTS, slots), Field.SKILLS);
    }

    private Markup.Inline skillKeyboard(Draft draft, Locale locale) {
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

    private Transition<State> onSkills(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons"), skillKeyboard(ask.draft(), turn.locale())));
        }
        if (button.data().equals(NAME + ":skills:done")) {
            return after(turn, ask.draft(), Field.TARGET, new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
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
                new Outbound.EditButtons(turn.chatId(), button.messageId(), skillKeyboard(draft, turn.locale()), turn.locale()));
    }

    private static Markup.Inline targetKeyboard(Draft draft) {
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

    private Transition<State> onTarget(Ask ask, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons"), targetKeyboard(ask.draft())));
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
            return preview(turn, d, new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale()));
        }
        return Transition.to(new Ask(next, Field.TARGET),
                new Outbound.EditButtons(turn.chatId(), button.messageId(), targetKeyboard(next), turn.locale()));
    }

    // ---- preview

    private Transition<State> preview(Turn turn, Draft draft, Outbound... first) {
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

    private Transition<State> onPreview(Preview preview, Turn turn) {
        if (!(turn.inbound() instanceof Inbound.Button button)) {
            return Transition.invalid(turn.reply(Txt.of("recruit.use_buttons")));
        }
        Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
        if (button.data().equals(NAME + ":publish")) {
            if (!preview.draft().startsAt().isAfter(turn.now())) {
                return Transition.invalid(turn.reply(Txt.of("recruit.time_past")));
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
                Transition<State> asked = ask(turn, preview.draft(), field);
                List<Outbound> replies = new ArrayList<>();
                replies.add(clear);
                replies.addAll(asked.replies());
                return new Transition<>(asked.outcome(), asked.state(), replies, asked.effects());
            } catch (IllegalArgumentException e) {
                return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
            }
        }
        return Transition.invalid(turn.toast(Txt.of("recruit.stale_button")));
    }
}
