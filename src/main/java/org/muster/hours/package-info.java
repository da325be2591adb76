/**
 * Service hours (服务时长): the record volunteers and the organisation care about afterwards.
 * Attendance writes records here (approved when a leader checked the volunteer in and out,
 * pending when they checked themselves).
 */
package org.muster.hours;
