package org.muster.checkin;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.muster.conversation.BundleWords;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Inbound;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.ReplyHandler;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Roll call by reply: a member answers 到 (签到, here…) to a roster the leader opened for it, and the
 * roster shows them present. Someone not on the roster, or a roster the leader did not open, gets
 * one polite answer, then silence.
 */
@Component
class RosterReplies implements ReplyHandler {

    private final GroupPrompts prompts;
    private final Calls calls;
    private final Volunteers volunteers;
    private final Attendance attendance;
    private final Rosters rosters;
    private final Teams teams;
    private final Set<String> present;

    RosterReplies(GroupPrompts prompts, Calls calls, Volunteers volunteers, Attendance attendance, Rosters rosters, Teams teams,
                  MessageSource messages) {
        this.present = BundleWords.of(messages, "checkin.words.present").stream().map(RosterReplies::normal).collect(Collectors.toSet());
        this.prompts = prompts;
        this.calls = calls;
        this.volunteers = volunteers;
        this.attendance = attendance;
        this.rosters = rosters;
        this.teams = teams;
    }

    @Override
    public Optional<List<Outbound>> handle(Turn turn, Inbound.Text reply) {
        Optional<GroupPrompts.Prompt> prompt = prompts.find(turn.chatId(), reply.replyToMessageId()).filter(p -> p.kind().equals(Rosters.PROMPT));
        if (prompt.isEmpty() || !present.contains(normal(reply.text()))) {
            return Optional.empty();
        }
        Optional<Call> call = calls.call(prompt.get().ref());
        Optional<Volunteer> volunteer = volunteers.byUser(turn.userId());
        boolean onRoster = call.isPresent() && volunteer.isPresent() && calls.rosterVolunteers(call.get().id()).contains(volunteer.get().id());
        if (!onRoster) {
            return Optional.of(refuseOnce(turn, prompt.get(), Txt.of("checkin.reply_not_on_roster")));
        }
        if (!prompt.get().open()) {
            return Optional.of(refuseOnce(turn, prompt.get(), Txt.of("checkin.reply_not_open")));
        }
        if (!attendance.inCheckInWindow(call.get())) {
            return Optional.of(refuseOnce(turn, prompt.get(), Txt.of("checkin.outside_window", attendance.early().toMinutes())));
        }
        Attendance.Result result = attendance.checkIn(call.get(), volunteer.get(), turn.userId(), "self_reply", turn.chatId());
        if (result.outcome() != Attendance.Outcome.CHECKED_IN) {
            return Optional.of(List.of());
        }
        Locale locale = teams.group(turn.chatId()).flatMap(g -> Languages.fromCode(g.language())).orElse(turn.locale());
        return Optional.of(List.of(rosters.redraw(turn.chatId(), prompt.get().messageId(), call.get(), locale)));
    }

    private List<Outbound> refuseOnce(Turn turn, GroupPrompts.Prompt prompt, Txt why) {
        return prompts.firstRefusal(turn.chatId(), prompt.messageId(), turn.userId()) ? List.of(turn.reply(why)) : List.of();
    }

    static String normal(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        return s.replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+$", "");
    }
}
