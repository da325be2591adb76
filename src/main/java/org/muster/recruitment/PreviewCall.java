package org.muster.recruitment;

import org.muster.conversation.Effect;

/** Show the call exactly as groups will see it, with how many it reaches. Writes nothing. */
record PreviewCall(RecruitFlow.Draft draft) implements Effect {
}
