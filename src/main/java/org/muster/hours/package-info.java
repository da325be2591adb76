/**
 * Service hours (服务时长): the record volunteers and the organisation care about afterwards.
 * Attendance writes records here (approved when a leader checked the volunteer in and out, pending
 * when they checked themselves); volunteers report the rest with {@code /hours}. Pending records go
 * to the leaders of the team concerned, who approve or reject them; a coordinator alone corrects
 * an approved one. {@code /myhours}, {@code /stats} and {@code /export} (CSV) read them, and so does
 * the token-protected HTTP API ({@code /api/stats}, {@code /api/hours.csv}).
 */
package org.muster.hours;
