package org.muster.hours;

import org.muster.conversation.Txt;

/** Minutes as people read them: 2 小时 30 分钟, 2 h 30 min. */
final class Durations {

    private Durations() {
    }

    static Txt of(int minutes) {
        if (minutes < 60) {
            return Txt.of("hours.duration_min", minutes);
        }
        return minutes % 60 == 0 ? Txt.of("hours.duration_h", minutes / 60) : Txt.of("hours.duration_hm", minutes / 60, minutes % 60);
    }
}
