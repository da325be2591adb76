package org.muster.broadcast;

import org.muster.conversation.Effect;

record SendNotice(String text, Target target) implements Effect {
}
