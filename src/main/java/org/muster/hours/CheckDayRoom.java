package org.muster.hours;

import java.time.LocalDate;

import org.muster.conversation.Effect;

/** Before the note: do {@code minutes} still fit into the volunteer's {@code date}, at most 24 hours a day? Writes nothing. */
record CheckDayRoom(LocalDate date, int minutes) implements Effect {
}
