package org.muster.recruitment;

import org.muster.conversation.Effect;

/** Ask which team runs the call: the teams serving its area, or none. Writes nothing. */
record AskTeam(String areaCode) implements Effect {
}
