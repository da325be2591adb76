package org.muster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.muster.conversation.ServiceUnavailable;
import org.muster.conversation.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * What a periodic job that failed leaves in the log. Every job runs again at its next tick, so a
 * failure loses nothing; but during an outage of PostgreSQL or Redis a dozen jobs fail every few
 * seconds, and Spring's handler logs a stack trace each time (a 20 s outage left 1,700 lines). An
 * outage is one line per job, at most once a minute; any other failure keeps its stack trace.
 */
@Component
class ScheduledJobErrors implements ThreadPoolTaskSchedulerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobErrors.class);
    private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    @Override
    public void customize(ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(this::failed);
    }

    void failed(Throwable error) {
        String job = job(error);
        if (!ServiceUnavailable.isOutage(error)) {
            log.error("periodic job {} failed; it runs again at its next turn", job, error);
            return;
        }
        long now = System.nanoTime();
        Long last = lastLogged.get(job);
        if (last != null && now - last < EVERY_NANOS) {
            return;
        }
        lastLogged.put(job, now);
        log.warn("periodic job {} could not reach PostgreSQL or Redis ({}); it runs again at its next turn", job, OutageLog.describe(error));
    }

    /** The first of Muster's own frames: the job's class and method. */
    private static String job(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String type = frame.getClassName();
                if (type.startsWith("org.muster.") && !type.contains("$$")) {
                    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
                }
            }
        }
        return "(unknown)";
    }
}
