package org.muster.recruitment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.muster.broadcast.Broadcasts;
import org.muster.conversation.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A call that still has places some hours before its start ({@code muster.recruitment.repush},
 * 12 h and 3 h by default) is posted again to its groups with "still N places", through the outbox
 * like any broadcast. Once per offset, on however many instances (the database keeps it once);
 * only the latest offset due counts, so an application down for a day does not push twice at once.
 */
@Component
class CallRepush {

    private static final Logger log = LoggerFactory.getLogger(CallRepush.class);

    private final CallRepository calls;
    private final Broadcasts broadcasts;
    private final Clock clock;
    private final List<Duration> offsets;

    CallRepush(CallRepository calls, Broadcasts broadcasts, Clock clock, RecruitmentProperties properties) {
        this.calls = calls;
        this.broadcasts = broadcasts;
        this.clock = clock;
        this.offsets = properties.repush().stream().sorted(Comparator.reverseOrder()).toList();
    }

    @Scheduled(fixedDelayString = "${muster.recruitment.repush-check:30s}", initialDelayString = "${muster.recruitment.repush-check:30s}")
    void pushUnfilled() {
        if (offsets.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (CallRepository.Upcoming upcoming : calls.openStartingBetween(now, now.plus(offsets.get(0)))) {
            dueOffset(upcoming, now).ifPresent(offset -> push(upcoming.call(), offset));
        }
    }

    /**
     * The smallest offset whose moment has come: the last one due. An offset whose moment came
     * before the call was made is not due: the first posting said it all.
     */
    private Optional<Duration> dueOffset(CallRepository.Upcoming upcoming, Instant now) {
        Duration left = Duration.between(now, upcoming.call().startsAt());
        return offsets.stream().filter(offset -> left.compareTo(offset) <= 0).min(Comparator.naturalOrder())
                .filter(offset -> !upcoming.call().startsAt().minus(offset).isBefore(upcoming.createdAt()));
    }

    /**
     * Posted again now, by a coordinator in the console, to the groups it went to: at most once a
     * minute (a second press within it posts nothing); empty when the call has no place left.
     */
    Optional<org.muster.broadcast.BroadcastStatus> pushNow(Call call, long by) {
        if (call.slots() - calls.counts(call.id()).taken() <= 0) {
            return Optional.empty();
        }
        String minute = "manual:" + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return broadcasts.publishOnce(CallContent.REPUSH, call.id(), minute, RecruitEffects.target(call), by, Languages.CHINESE);
    }

    private void push(Call call, Duration offset) {
        int free = call.slots() - calls.counts(call.id()).taken();
        if (free <= 0) {
            return;
        }
        broadcasts.publishOnce(CallContent.REPUSH, call.id(), offset.toString(), RecruitEffects.target(call), call.createdBy(),
                        Languages.CHINESE)
                .ifPresent(status -> log.info("call {} has {} places left {} before its start: posted again to {} chats", call.id(), free,
                        offset, status.total()));
    }
}
