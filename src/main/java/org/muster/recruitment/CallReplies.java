package org.muster.recruitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.muster.catalog.Catalog;
import org.muster.conversation.BotProfile;
import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.ReplyHandler;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * 报名 / +1 / 接龙 / "I'm in" in reply to a call's message in a group enrols the sender exactly as
 * its button does, and 取消报名 / "can't come" takes them off. The group gets one short line that
 * names nobody (it answers the sender's own message); details go to the private chat. Other
 * replies to a call are left to the people in the group.
 */
@Component
class CallReplies implements ReplyHandler {

    private final CallRepository calls;
    private final Enrolments enrolments;
    private final BotProfile bot;
    private final Catalog catalog;
    private final ReplyWords words;

    CallReplies(CallRepository calls, Enrolments enrolments, BotProfile bot, Catalog catalog, RecruitmentProperties properties) {
        this.calls = calls;
        this.enrolments = enrolments;
        this.bot = bot;
        this.catalog = catalog;
        this.words = new ReplyWords(properties.enrolReplies(), properties.leaveReplies());
    }

    @Override
    public Optional<List<Outbound>> handle(Turn turn, Inbound.Text reply) {
        Optional<Long> call = calls.copyAt(turn.chatId(), reply.replyToMessageId());
        if (call.isEmpty()) {
            return Optional.empty();
        }
        return switch (words.meaning(reply.text())) {
            case ENROL -> Optional.of(enrol(turn, call.get()));
            case LEAVE -> Optional.of(leave(turn, call.get()));
            case NONE -> Optional.empty();
        };
    }

    private List<Outbound> enrol(Turn turn, long activity) {
        Enrolments.Result result = enrolments.enrol(turn.userId(), activity, turn.inbound().updateId());
        List<Outbound> out = new ArrayList<>();
        switch (result.outcome()) {
            case NOT_SIGNED_UP -> out.add(turn.reply(Txt.of("enrol.reply_signup_first"), Markup.Inline.of(List.of(
                    Markup.Button.link(Txt.of("button.open_private_chat"), bot.deepLink(CallDeepLink.PREFIX + activity))))));
            case CONFIRMED -> {
                out.add(turn.reply(Txt.of("enrol.reply_confirmed", result.call().slots() - calls.counts(activity).taken())));
                out.add(enrolments.confirmation(turn.userId(), result, turn.locale()));
            }
            case WAITLISTED -> {
                out.add(turn.reply(Txt.of("enrol.toast_waitlisted", result.waitlistPlace())));
                out.add(enrolments.confirmation(turn.userId(), result, turn.locale()));
            }
            case ALREADY_CONFIRMED -> out.add(turn.reply(Txt.of("enrol.toast_already")));
            case ALREADY_WAITLISTED -> out.add(turn.reply(Txt.of("enrol.toast_already_waitlisted", result.waitlistPlace())));
            case ALREADY_OFFERED -> out.add(turn.reply(Txt.of("enrol.toast_already_offered")));
            case MISSING_SKILLS -> out.add(turn.reply(Txt.of("enrol.toast_missing_skills",
                    Txt.join(result.missingSkills().stream().map(s -> Txt.literal(catalog.skillName(s, turn.locale()))).toList()))));
            case OVERLAP -> out.add(turn.reply(Txt.of("enrol.toast_overlap")));
            case CLOSED -> out.add(turn.reply(Txt.of("enrol.toast_closed")));
            case CANCELLED -> out.add(turn.reply(Txt.of("enrol.toast_cancelled")));
            case STARTED -> out.add(turn.reply(Txt.of("enrol.toast_started")));
            default -> out.add(turn.reply(Txt.of("enrol.not_now_unknown_call")));
        }
        return out;
    }

    private List<Outbound> leave(Turn turn, long activity) {
        Enrolments.Result result = enrolments.leave(turn.userId(), activity);
        if (result.outcome() != Enrolments.Outcome.LEFT) {
            return List.of(turn.reply(Txt.of("enrol.toast_not_enrolled")));
        }
        return List.of(turn.reply(Txt.of("enrol.reply_left")),
                new Outbound.Send(turn.userId(), Txt.of("enrol.left", Txt.literal(result.call().title())), null, null, turn.locale()));
    }
}
