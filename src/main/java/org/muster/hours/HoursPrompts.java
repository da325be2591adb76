package org.muster.hours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import org.muster.conversation.ChatSender;
import org.muster.conversation.GroupPrompts;
import org.muster.conversation.Languages;
import org.muster.conversation.Markup;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Outbound;
import org.muster.conversation.SendResult;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.GroupChat;
import org.muster.team.Teams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When a team's shift has ended ({@code muster.hours.ask-after} ago), its group is asked once to
 * reply with the hours served, if anyone on the shift has no record yet (check-out records its
 * own). The question is a ForceReply prompt; {@link HoursReplies} takes the answers. Any number of
 * instances may run it: the question is claimed in PostgreSQL first (a row in {@code hours_prompt}),
 * so a group is asked once.
 */
@Component
class HoursPrompts {

    static final String KIND = "hours";
    private static final Logger log = LoggerFactory.getLogger(HoursPrompts.class);

    private final Calls calls;
    private final Teams teams;
    private final HoursRepository repository;
    private final GroupPrompts prompts;
    private final ChatSender sender;
    private final Clock clock;
    private final HoursProperties properties;
    private final ZoneId zone;

    HoursPrompts(Calls calls, Teams teams, HoursRepository repository, GroupPrompts prompts, ChatSender sender, Clock clock,
                 HoursProperties properties, OrganisationProperties organisation) {
        this.calls = calls;
        this.teams = teams;
        this.repository = repository;
        this.prompts = prompts;
        this.sender = sender;
        this.clock = clock;
        this.properties = properties;
        this.zone = organisation.timeZone();
    }

    @Scheduled(fixedDelayString = "${muster.hours.ask-check:30s}", initialDelayString = "${muster.hours.ask-check:30s}")
    void askEndedShifts() {
        if (properties.askAfter().isZero()) {
            return;
        }
        Instant now = clock.instant();
        Instant latest = now.minus(properties.askAfter());
        for (Call call : calls.endedBetween(latest.minus(Duration.ofDays(2)), latest)) {
            if (call.teamId() == null) {
                continue;
            }
            teams.groupOf(call.teamId()).filter(GroupChat::botPresent).ifPresent(group -> ask(call, group));
        }
    }

    private void ask(Call call, GroupChat group) {
        if (repository.unrecorded(call.id(), calls.rosterVolunteers(call.id())).isEmpty() || !repository.claimHoursPrompt(call.id())) {
            return;
        }
        Locale locale = Languages.fromCode(group.language()).orElse(Languages.CHINESE);
        Outbound.Send question = new Outbound.Send(group.chatId(), Txt.of("hours.group_ask", Txt.literal(call.title()),
                Txt.date(call.startsAt().atZone(zone))), new Markup.ForceReply(false, Txt.of("hours.group_placeholder")), null, locale);
        sender.send(question).thenAccept(result -> {
            if (result instanceof SendResult.Sent sent) {
                prompts.remember(sent.chatId(), sent.messageId(), KIND, call.id(), true);
                log.info("asked group {} for the hours of call {}", sent.chatId(), call.id());
            } else {
                repository.releaseHoursPrompt(call.id());
                log.warn("could not ask group {} for the hours of call {}: {}; trying again later", group.chatId(), call.id(), result);
            }
        });
    }
}
