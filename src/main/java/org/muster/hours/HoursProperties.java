package org.muster.hours;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reportWindow how far back a volunteer may report hours (shifts and other activities)
 * @param askAfter this long after a shift ends, its team's group is asked to reply with the hours of
 *                 those without a record (after the automatic check-out has recorded its own); empty (0) never asks
 */
@ConfigurationProperties("muster.hours")
record HoursProperties(@DefaultValue("30d") Duration reportWindow, @DefaultValue("15m") Duration askAfter) {
}
