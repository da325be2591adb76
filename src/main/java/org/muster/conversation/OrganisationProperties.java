package org.muster.conversation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Organisation-wide settings.
 *
 * @param timeZone where the organisation works; times are typed and shown in it
 * @param defaultLanguage {@code zh} or {@code en}, for users whose app reports no language
 * @param conversation how long a conversation waits for an answer, and how many wrong answers it takes
 * @param dispatch how updates are processed
 */
@ConfigurationProperties("muster")
public record OrganisationProperties(
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue("zh") String defaultLanguage,
        @DefaultValue Conversation conversation,
        @DefaultValue Dispatch dispatch) {

    public Locale defaultLocale() {
        return Languages.fromCode(defaultLanguage).orElse(Languages.CHINESE);
    }

    /**
     * @param idleTimeout a conversation left unanswered this long ends
     * @param expiredNoticeWindow for this long after that, an answer gets "it expired, start again"
     * @param maxInvalidAnswers wrong answers in a row before a conversation gives up
     * @param draftRetention how long a long flow's draft (a recruitment call being written) is kept after
     *                       its conversation ended (given up, cancelled, run idle), for the next start to resume
     */
    public record Conversation(
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("24h") Duration expiredNoticeWindow,
            @DefaultValue("3") int maxInvalidAnswers,
            @DefaultValue("48h") Duration draftRetention) {
    }

    /**
     * @param workers chats processed at the same time
     * @param claimTimeout how long an instance may hold an update before another may take it over
     * @param doneMarker how long an update id is remembered as handled (Telegram keeps updates 24 h): a
     *                   block of 65,536 ids' done marks (one bit each) lives this long after its last mark
     * @param shutdownGrace how long shutdown waits for updates in flight
     * @param senderFacts how long a sender's roles and languages, read from PostgreSQL, are kept in Redis
     *                    for their next updates; a change made through Muster ends it at once on every
     *                    instance, one made by hand in the database counts after at most this long; 0 reads
     *                    them for every update
     * @param unsentReplies how long a webhook update's replies are kept in Redis for an instance that dies
     *                      before sending them ({@code kill -9}): Telegram delivers the update again, and
     *                      whichever instance gets it sends them then; each is removed once sent
     * @param repliesWait how long the webhook's answer waits for an update's replies to leave (the chat's
     *                    next update waits at Telegram meanwhile, which keeps them in order across
     *                    instances); at most 45 s, within Telegram's 60 s. Replies still queued then go
     *                    out later; if this instance stops first, another one sends them
     */
    public record Dispatch(
            @DefaultValue("8") int workers,
            @DefaultValue("30s") Duration claimTimeout,
            @DefaultValue("26h") Duration doneMarker,
            @DefaultValue("20s") Duration shutdownGrace,
            @DefaultValue("2000") int maxQueued,
            @DefaultValue("5s") Duration senderFacts,
            @DefaultValue("10m") Duration unsentReplies,
            @DefaultValue("45s") Duration repliesWait) {
    }
}
