package org.muster.hours;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reportWindow how far back a volunteer may report hours (shifts and other activities)
 */
@ConfigurationProperties("muster.hours")
record HoursProperties(@DefaultValue("30d") Duration reportWindow) {
}
