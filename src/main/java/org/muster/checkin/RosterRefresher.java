package org.muster.checkin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.muster.conversation.ChatSender;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Languages;
import org.muster.conversation.SendResult;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.Teams;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every posted roster showing the attendance as it is, whichever path changed it: a change
 * marks the call's rosters behind, and this round redraws those, each at most once per
 * {@code muster.checkin.roster-edit-gap}, so twenty 到 in a minute cost a group a few edits. Claims are
 * made in PostgreSQL, so instances share the work.
 */
@Component
class RosterRefresher {

    private static final int BATCH = 50;

    private final GroupPrompts prompts;
    private final Calls calls;
    private final Rosters rosters;
    private final Teams teams;
    private final ChatSender sender;
    private final CheckinProperties properties;
    private final java.util.Set<String> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RosterRefresher(GroupPrompts prompts, Calls calls, Rosters rosters, Teams teams, ChatSender sender, CheckinProperties properties) {
        this.prompts = prompts;
        this.calls = calls;
        this.rosters = rosters;
        this.teams = teams;
        this.sender = sender;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${muster.checkin.roster-poll:1s}")
    void refresh() {
        // the gap paces Telegram, so it is real time, not the organisation's clock
        List<GroupPrompts.Stale> stale = prompts.claimStale(Rosters.KINDS, Instant.now(), properties.rosterEditGap(), BATCH);
        for (GroupPrompts.Stale roster : stale) {
            GroupPrompts.Prompt prompt = roster.prompt();
            Optional<Call> call = calls.call(prompt.ref());
            if (call.isEmpty()) {
                prompts.shown(prompt.chatId(), prompt.messageId(), Long.MAX_VALUE);
                continue;
            }
            Locale locale = teams.group(prompt.chatId()).flatMap(g -> Languages.fromCode(g.language())).orElse(Languages.CHINESE);
            long activity = call.get().id();
            String key = prompt.chatId() + ":" + prompt.messageId();
            if (!pending.add(key)) {
                // still waiting in its group's queue; it stays behind, and a later round draws it anew
                continue;
            }
            sender.send(rosters.redraw(prompt.chatId(), prompt.messageId(), call.get(), locale)).whenComplete((result, error) -> {
                pending.remove(key);
                if (result instanceof SendResult.Refused refused) {
                    if (refused.reason() == SendResult.Reason.GAVE_UP) {
                        // a passing failure: behind again, for a later round
                        rosters.changed(activity);
                    } else {
                        // the message or the chat is gone: stop redrawing it
                        prompts.shown(prompt.chatId(), prompt.messageId(), Long.MAX_VALUE);
                    }
                }
            });
        }
    }
}
