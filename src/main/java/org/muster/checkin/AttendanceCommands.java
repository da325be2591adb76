package org.muster.checkin;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Mention;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.GroupChat;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/**
 * {@code /checkin} (签到) and {@code /checkout} (签退). In the team's group, by the team's leader or
 * a coordinator: a reply to a member's message checks that member; mentions check those mentioned,
 * all confirmed in one message; otherwise the roster of today's shifts is posted with a button per
 * member. In the private chat: the volunteer checks themselves, with their location.
 */
@Component
class AttendanceCommands {

    private final Teams teams;
    private final Calls calls;
    private final Volunteers volunteers;
    private final Attendance attendance;
    private final Rosters rosters;
    private final FlowEngine engine;
    private final SelfCheckFlow selfCheck;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final Set<String> openWords;

    AttendanceCommands(Teams teams, Calls calls, Volunteers volunteers, Attendance attendance, Rosters rosters, FlowEngine engine,
                       SelfCheckFlow selfCheck, AuditLog audit, Clock clock, OrganisationProperties organisation,
                       org.springframework.context.MessageSource messages) {
        this.openWords = Set.copyOf(org.muster.conversation.BundleWords.of(messages, "checkin.words.open").stream()
                .map(w -> w.toLowerCase(java.util.Locale.ROOT)).toList());
        this.teams = teams;
        this.calls = calls;
        this.volunteers = volunteers;
        this.attendance = attendance;
        this.rosters = rosters;
        this.engine = engine;
        this.selfCheck = selfCheck;
        this.audit = audit;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    /** @param args what followed the command or its keyword ({@code open} lets members answer the roster) */
    List<Outbound> handle(Turn turn, boolean out, String args) {
        return turn.isPrivate() ? self(turn, out) : group(turn, out, args);
    }

    private List<Outbound> self(Turn turn, boolean out) {
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        if (volunteer.isEmpty()) {
            return List.of(turn.reply(Txt.of("error.not_signed_up")));
        }
        Optional<Call> shift = attendance.currentShiftOf(volunteer.get());
        if (shift.isEmpty()) {
            return List.of(turn.reply(Txt.of("checkin.no_shift_now", attendance.early().toMinutes())));
        }
        if (shift.get().latitude() == null) {
            return List.of(turn.reply(Txt.of("checkin.no_site_location", Txt.literal(shift.get().title()))));
        }
        return engine.start(turn, selfCheck, selfCheck.begin(turn, shift.get(), out));
    }

    private List<Outbound> group(Turn turn, boolean out, String args) {
        Optional<GroupChat> group = teams.group(turn.chatId()).filter(g -> g.teamId() != null);
        if (group.isEmpty()) {
            return List.of(turn.reply(Txt.of("checkin.not_a_team_group")));
        }
        long team = group.get().teamId();
        if (!turn.has(Role.COORDINATOR) && !teams.leads(turn.userId(), team)) {
            audit.record(turn.userId(), "refused", turn.chatId(), Map.of("what", out ? "checkout" : "checkin"));
            return List.of(turn.reply(Txt.of("checkin.leaders_only")));
        }
        List<Call> today = calls.ofTeamToday(team, clock.instant(), zone);
        if (today.isEmpty()) {
            return List.of(turn.reply(Txt.of("checkin.no_shift_today")));
        }
        Inbound.Text text = (Inbound.Text) turn.inbound();
        Set<Long> targets = new LinkedHashSet<>();
        List<String> unmatched = new ArrayList<>();
        if (text.replyToUserId() != null && !text.replyToBot()) {
            targets.add(text.replyToUserId());
        }
        for (Mention mention : text.mentions()) {
            Optional<Long> user = mention.userId() != null ? Optional.of(mention.userId())
                    : volunteers.byUsername(mention.username()).map(Volunteer::userId);
            user.ifPresentOrElse(targets::add, () -> unmatched.add("@" + mention.username()));
        }
        if (targets.isEmpty() && unmatched.isEmpty()) {
            var locale = Languages.fromCode(group.get().language()).orElse(turn.locale());
            // /checkin open (开放, 自助…): members may answer the roster with 到 themselves
            boolean open = !out && openWords.contains(args.toLowerCase(java.util.Locale.ROOT));
            return today.stream().map(call -> rosters.post(turn.chatId(), call, out, open, locale)).toList();
        }
        String how = text.replyToUserId() != null && text.mentions().isEmpty() ? "reply" : "mention";
        List<Txt> done = new ArrayList<>();
        for (long user : targets) {
            Optional<Volunteer> volunteer = volunteers.byUser(user);
            Optional<Call> shift = volunteer.flatMap(v -> today.stream()
                    .filter(call -> calls.enrollment(call.id(), v.id())
                            .filter(e -> "confirmed".equals(e.status()) || "no_show".equals(e.status())).isPresent())
                    .findFirst());
            if (shift.isEmpty()) {
                unmatched.add(volunteer.map(Volunteer::groupName).orElse("?"));
                continue;
            }
            Attendance.Result result = out ? attendance.checkOut(shift.get(), volunteer.get(), turn.userId(), how, turn.chatId())
                    : attendance.checkIn(shift.get(), volunteer.get(), turn.userId(), how, turn.chatId());
            if (result.outcome() == Attendance.Outcome.NOT_IN) {
                unmatched.add(volunteer.get().groupName());
            } else {
                done.add(Txt.literal(volunteer.get().groupName()));
            }
        }
        List<Outbound> replies = new ArrayList<>();
        replies.add(turn.reply(Txt.of(out ? "checkin.out_done" : "checkin.in_done", done.size(),
                done.isEmpty() ? Txt.of("checkin.nobody") : Txt.join(done), unmatched.size(),
                Txt.join(unmatched.stream().map(Txt::quote).toList()))));
        return replies;
    }

    @Component
    static class CheckIn implements CommandHandler {
        private final AttendanceCommands commands;

        CheckIn(AttendanceCommands commands) {
            this.commands = commands;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.anyone("checkin", CommandSpec.Place.ANY);
        }

        @Override
        public List<Outbound> handle(Turn turn, CommandCall call) {
            return commands.handle(turn, false, call.args());
        }
    }

    @Component
    static class CheckOut implements CommandHandler {
        private final AttendanceCommands commands;

        CheckOut(AttendanceCommands commands) {
            this.commands = commands;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.anyone("checkout", CommandSpec.Place.ANY);
        }

        @Override
        public List<Outbound> handle(Turn turn, CommandCall call) {
            return commands.handle(turn, true, call.args());
        }
    }

}
