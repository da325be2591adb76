package org.muster.broadcast;

import java.time.Clock;
import java.time.Duration;

import org.muster.telegram.TelegramProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When many deliveries with deadlines are queued together (a thousand shifts starting at eight),
 * sending them at their due time would leave the last ones late: the rate limit takes its time.
 * This moves them earlier, so that at the planning rate every one is sent before its deadline.
 * Instances may plan at the same time: a plan is one statement, and it only ever moves a delivery
 * earlier, so two plans give what the later one alone would.
 */
@Component
class DeadlinePlanner {

    private static final Logger log = LoggerFactory.getLogger(DeadlinePlanner.class);

    /**
     * @param rateShare the part of the global rate reminders may count on (broadcasts need the rest)
     * @param margin sent at least this long before the deadline
     */
    @ConfigurationProperties("muster.reminders.planning")
    record Settings(@DefaultValue("0.8") double rateShare, @DefaultValue("2m") Duration margin) {
    }

    private final BroadcastRepository repository;
    private final Clock clock;
    private final double perSecond;
    private final Duration margin;

    DeadlinePlanner(BroadcastRepository repository, Clock clock, TelegramProperties telegram, Settings settings) {
        this.repository = repository;
        this.clock = clock;
        this.perSecond = Math.max(0.1, telegram.pacing().globalPerSecond() * settings.rateShare());
        this.margin = settings.margin();
    }

    @Scheduled(fixedDelayString = "${muster.reminders.planning.interval:10s}")
    void plan() {
        if (!repository.needsPlanning(clock.instant())) {
            return;
        }
        int moved = repository.plan(clock.instant(), perSecond, margin);
        if (moved > 0) {
            log.info("{} deliveries moved earlier so that they meet their deadlines at {}/s", moved, perSecond);
        }
    }
}
