package org.muster.recruitment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param offerTime how long someone offered a freed place has to accept it before it passes on
 * @param counterEditGap a call's copy in a group is edited at most this often (Telegram allows 20 messages a minute per group)
 * @param counterBatch copies brought up to date per round
 */
@ConfigurationProperties("muster.recruitment")
record RecruitmentProperties(
        @DefaultValue("30m") Duration offerTime,
        @DefaultValue("6s") Duration counterEditGap,
        @DefaultValue("200") int counterBatch) {
}
