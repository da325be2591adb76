/**
 * Check-in (签到) and check-out (签退). A team leader checks members in from the team's group:
 * by roster buttons ({@code /checkin}), by replying 签到 to a member's message, or by 签到 with
 * mentions. A volunteer checks themselves in from the private chat with a shared location inside
 * the site's geofence during the shift. Check-out computes the minutes attended (clamped to the
 * shift unless a leader confirms more) and records them as service hours. Members still in at the
 * end are checked out automatically; those never checked in are marked no-show.
 */
package org.muster.checkin;
