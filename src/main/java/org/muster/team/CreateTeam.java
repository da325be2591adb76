package org.muster.team;

import org.muster.conversation.Effect;

record CreateTeam(String name, String areaCode, long createdBy) implements Effect {
}
