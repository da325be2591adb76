package org.muster.broadcast;

import org.muster.conversation.Effect;

/** Show the notice as recipients will see it, with how many it reaches. Writes nothing. */
record PreviewNotice(String text, Target target) implements Effect {
}
