package org.muster.hours;

import java.time.LocalDate;

import org.muster.conversation.Effect;

/** Send the coordinator the two CSV files of approved hours for the period and scope. */
record ExportHours(LocalDate from, LocalDate to, Long teamId, String areaCode) implements Effect {
}
