package org.muster.recruitment;

import org.muster.conversation.Effect;

record PublishCall(RecruitFlow.Draft draft) implements Effect {
}
