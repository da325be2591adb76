package org.muster.recruitment;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.audit.AuditLog;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Outbound;
import org.muster.conversation.Paging;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.team.Team;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * {@code /people [call]} and the 名单 button of {@code /calls}: who is enrolled, waitlisted, checked
 * in or did not show, with their phone numbers, for a coordinator or the leader of the call's team,
 * in the private chat only; a page at a time, or as CSV. Every view is audited (who, which call).
 * Phone numbers are written as plain text, which Telegram's apps turn into tap-to-call links
 * (Telegram refuses {@code tel:} links in a message's HTML).
 */
@Component
class PeopleCommand implements CommandHandler, ButtonHandler {

    static final String PREFIX = "people";
    /** The kind the list's messages are remembered as: their page and CSV buttons work on them only. */
    static final String KIND = "people";
    /** What a page's text may take, in characters, below Telegram's 4,096 (a margin for the page's own words). */
    static final int BUDGET = 3_800;
    /** Calls offered by {@code /people} without a number, a page. */
    static final int PICK_PAGE = 8;
    /** A leader sees their team's calls until this long after the shift. */
    private static final Duration LEADER_AFTER = Duration.ofDays(7);

    private final CallRepository calls;
    private final PeopleRepository people;
    private final CallMessages messages;
    private final Teams teams;
    private final Volunteers volunteers;
    private final GroupPrompts prompts;
    private final Texts texts;
    private final AuditLog audit;
    private final ZoneId zone;

    PeopleCommand(CallRepository calls, PeopleRepository people, CallMessages messages, Teams teams, Volunteers volunteers,
                  GroupPrompts prompts, Texts texts, AuditLog audit, OrganisationProperties organisation) {
        this.calls = calls;
        this.people = people;
        this.messages = messages;
        this.teams = teams;
        this.volunteers = volunteers;
        this.prompts = prompts;
        this.texts = texts;
        this.audit = audit;
        this.zone = organisation.timeZone();
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.forRoles("people", CommandSpec.Place.PRIVATE, Role.COORDINATOR, Role.LEADER);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall command) {
        if (!command.hasArgs()) {
            return List.of(pick(turn, 0, null));
        }
        Optional<Call> call = Optional.empty();
        try {
            call = calls.byId(Long.parseLong(command.args().replaceFirst("^#", "")));
        } catch (NumberFormatException e) {
            call = Optional.empty();
        }
        if (call.isEmpty()) {
            return List.of(turn.reply(Txt.of("people.unknown_call", Txt.quote(command.args()))));
        }
        if (!allowed(turn, call.get())) {
            return List.of(turn.reply(Txt.of("people.not_allowed")));
        }
        return List.of(page(turn, call.get(), 0, null));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    /** {@code people:v:<call>} a new list, {@code people:p:<call>:<page>} a page of it, {@code people:csv:<call>}, {@code people:l:<page>} the calls. */
    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        if (!turn.isPrivate() || !(turn.has(Role.COORDINATOR) || turn.has(Role.LEADER))) {
            return List.of(turn.toast(Txt.of("people.not_allowed")));
        }
        String what = button.part(1);
        if (what.equals("l")) {
            return button.number(2).isEmpty() ? List.of(turn.toast(Txt.of("error.button_expired")))
                    : List.of(turn.toast(null), pick(turn, (int) button.number(2).getAsLong(), button.messageId()));
        }
        Optional<Call> call = button.number(2).isPresent() ? calls.byId(button.number(2).getAsLong()) : Optional.empty();
        if (call.isEmpty()) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        if (!allowed(turn, call.get())) {
            return List.of(turn.toast(Txt.of("people.not_allowed")));
        }
        switch (what) {
            case "v":
                return List.of(turn.toast(null), page(turn, call.get(), 0, null));
            case "p":
                if (!carries(turn, button, call.get()) || button.number(3).isEmpty()) {
                    return List.of(turn.toast(Txt.of("error.button_expired")));
                }
                return List.of(turn.toast(null), page(turn, call.get(), (int) button.number(3).getAsLong(), button.messageId()));
            case "csv":
                if (!carries(turn, button, call.get())) {
                    return List.of(turn.toast(Txt.of("error.button_expired")));
                }
                return List.of(turn.toast(null), csv(turn, call.get()));
            default:
                return List.of(turn.toast(Txt.of("error.button_expired")));
        }
    }

    /** A coordinator, or the leader of the team that runs the call; in the private chat. */
    private boolean allowed(Turn turn, Call call) {
        if (!turn.isPrivate()) {
            return false;
        }
        return turn.has(Role.COORDINATOR) || (call.teamId() != null && teams.leads(turn.userId(), call.teamId()));
    }

    /** True when the button is on a list of this call that Muster sent here (not forged onto another message). */
    private boolean carries(Turn turn, Inbound.Button button, Call call) {
        return prompts.of(KIND, call.id()).stream().anyMatch(p -> p.chatId() == turn.chatId() && p.messageId() == button.messageId());
    }

    /** The calls whose people the caller may see: a coordinator's are the organisation's current ones, a leader's their teams'. */
    private Outbound pick(Turn turn, int page, Integer messageId) {
        List<Call> found;
        if (turn.has(Role.COORDINATOR)) {
            found = calls.current(turn.now(), 500);
        } else {
            List<Long> led = volunteers.byUser(turn.userId()).map(v -> teams.ledBy(v.id()).stream().map(Team::id).toList()).orElse(List.of());
            found = calls.ofTeamsSince(led, turn.now().minus(LEADER_AFTER), 500);
        }
        Paging<Call> shown = Paging.of(found, PICK_PAGE, page);
        Txt text;
        List<List<Markup.Button>> rows = new ArrayList<>();
        if (shown.total() == 0) {
            text = Txt.of("people.none");
        } else {
            text = Txt.of("people.pick", shown.total());
            shown.items().forEach(c -> rows.add(List.of(Markup.Button.callback(
                    Txt.of("people.pick_button", c.id(), Txt.quote(c.title()), messages.when(c)), PREFIX + ":v:" + c.id()))));
            rows.addAll(shown.navigation(PREFIX + ":l:"));
        }
        Markup.Inline markup = rows.isEmpty() ? null : new Markup.Inline(rows);
        return messageId == null ? turn.reply(text, markup) : new Outbound.Edit(turn.chatId(), messageId, text, markup, turn.locale());
    }

    /** Page {@code requested} of the call's list, audited: sent anew (and remembered), or drawn over {@code messageId}. */
    private Outbound page(Turn turn, Call call, int requested, Integer messageId) {
        List<PeopleList.Person> all = people.of(call.id());
        Map<PeopleList.Standing, Integer> totals = PeopleList.totals(all);
        int header = length(turn, head(call, totals, List.of(), 9999, 9999)) + 8;
        int sectionHeader = length(turn, Txt.of("people.section_" + "no_show", 99_999)) + 2;
        List<PeopleList.Page> pages = PeopleList.pages(all, p -> length(turn, line(p)) + 1, sectionHeader, BUDGET - header);
        int page = Math.max(0, Math.min(requested, pages.size() - 1));
        List<Txt> sections = new ArrayList<>();
        pages.get(page).sections().forEach((standing, persons) -> {
            sections.add(Txt.of("people.section_" + standing.name().toLowerCase(Locale.ROOT), totals.get(standing)));
            persons.forEach(p -> sections.add(line(p)));
            sections.add(Txt.literal(""));
        });
        Txt text = all.isEmpty() ? Txt.of("people.page", Txt.literal(call.title()), messages.when(call), Txt.of("people.empty"))
                : head(call, totals, sections, page + 1, pages.size());
        List<List<Markup.Button>> rows = new ArrayList<>(
                Paging.of(pages, 1, page).navigation(PREFIX + ":p:" + call.id() + ":"));
        if (!all.isEmpty()) {
            rows.add(List.of(Markup.Button.callback(Txt.of("people.csv_button"), PREFIX + ":csv:" + call.id())));
        }
        audit.record(turn.userId(), "people.viewed", turn.chatId(), Map.of("call", call.id(), "page", page + 1, "people", all.size()));
        Markup.Inline markup = rows.isEmpty() ? null : new Markup.Inline(rows);
        if (messageId != null) {
            return new Outbound.Edit(turn.chatId(), messageId, text, markup, turn.locale());
        }
        return new Outbound.Prompt(new Outbound.Send(turn.chatId(), text, markup, null, turn.locale()), KIND, call.id(), false);
    }

    private Txt head(Call call, Map<PeopleList.Standing, Integer> totals, List<Txt> sections, int page, int pages) {
        Txt summary = Txt.of("people.summary", totals.getOrDefault(PeopleList.Standing.ENROLLED, 0),
                totals.getOrDefault(PeopleList.Standing.WAITLISTED, 0), totals.getOrDefault(PeopleList.Standing.CHECKED_IN, 0),
                totals.getOrDefault(PeopleList.Standing.NO_SHOW, 0));
        Txt position = pages > 1 ? Txt.of("people.position", page, pages) : Txt.literal("");
        return Txt.of("people.page", Txt.literal(call.title()), messages.when(call), Txt.of("people.body", summary, sections, position));
    }

    private static Txt line(PeopleList.Person person) {
        if (person.forgotten()) {
            return Txt.of("people.line_forgotten", Txt.literal(person.volunteer()));
        }
        Txt name = Txt.literal(person.name() == null ? "" : person.name());
        return person.phone() == null ? Txt.of("people.line_no_phone", name, Txt.literal(person.volunteer()))
                : Txt.of("people.line", name, Txt.literal(person.phone()), Txt.literal(person.volunteer()));
    }

    private int length(Turn turn, Txt text) {
        String plain = texts.plain(text, turn.locale());
        return plain.codePointCount(0, plain.length());
    }

    private Outbound csv(Turn turn, Call call) {
        List<PeopleList.Person> all = people.of(call.id());
        byte[] file = PeopleCsv.of(all, column -> texts.plain(Txt.of("people.col." + column), turn.locale()),
                standing -> texts.plain(Txt.of("people.standing_" + standing.name().toLowerCase(Locale.ROOT)), turn.locale()), zone);
        audit.record(turn.userId(), "people.exported", turn.chatId(), Map.of("call", call.id(), "people", all.size()));
        return new Outbound.Document(turn.chatId(), "call-" + call.id() + "-people.csv", file,
                Txt.of("people.csv_caption", Txt.literal(call.title()), PeopleList.ordered(all).size()), turn.locale());
    }
}
