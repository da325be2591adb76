package org.muster.recruitment;

import java.time.Instant;

import org.muster.conversation.Effect;

record RetimeCall(long activityId, Instant startsAt, Instant endsAt) implements Effect {
}
