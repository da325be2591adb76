package org.muster.recruitment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param offerTime how long someone offered a freed place has to accept it before it passes on
 * @param counterEditGap a call's copy in a group is edited at most this often (Telegram allows 20 messages a minute per group)
 * @param counterBatch copies brought up to date per round
 * @param enrolReplies replies to a call in a group that enrol the sender, as its button does (compared without case and
 *                     punctuation); the defaults are in application.yml, beside the other words people type
 * @param leaveReplies replies to a call that take the sender off it
 * @param repush before the start, a call with places left is posted again to its groups, once per offset
 */
@ConfigurationProperties("muster.recruitment")
record RecruitmentProperties(
        @DefaultValue("30m") Duration offerTime,
        @DefaultValue("6s") Duration counterEditGap,
        @DefaultValue("200") int counterBatch,
        java.util.List<String> enrolReplies,
        java.util.List<String> leaveReplies,
        @DefaultValue({"12h", "3h"}) java.util.List<Duration> repush) {

    RecruitmentProperties {
        enrolReplies = enrolReplies == null ? java.util.List.of() : java.util.List.copyOf(enrolReplies);
        leaveReplies = leaveReplies == null ? java.util.List.of() : java.util.List.copyOf(leaveReplies);
    }
}
