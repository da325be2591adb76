package org.muster.checkin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param geofence how far from the site a self check-in may be, in metres
 * @param early how long before the start self check-in opens
 * @param noShowAfter after the end, those never checked in are marked no-show
 * @param rosterEditGap a posted roster is redrawn at most this often when attendance changes
 */
@ConfigurationProperties("muster.checkin")
record CheckinProperties(
        @DefaultValue("300") int geofence,
        @DefaultValue("30m") Duration early,
        @DefaultValue("30m") Duration noShowAfter,
        @DefaultValue("3s") Duration rosterEditGap) {
}
