package org.muster.support;

import java.util.List;

import org.muster.conversation.Outbound;
import org.muster.conversation.Transition;

/**
 * A step's replies as short strings for flow tables: a message's bundle key, {@code edit:key} for
 * a message rewritten in place, {@code toast:key} for a button's answer, {@code clear-buttons} and
 * {@code redraw-buttons} for a keyboard removed or redrawn.
 */
public final class Replies {

    private Replies() {
    }

    public static List<String> keys(Transition<?> transition) {
        return transition.replies().stream().map(Replies::key).toList();
    }

    public static String key(Outbound o) {
        if (o instanceof Outbound.Send send) {
            return send.text().isLiteral() ? "literal" : send.text().key();
        }
        if (o instanceof Outbound.Edit edit) {
            return "edit:" + edit.text().key();
        }
        if (o instanceof Outbound.EditButtons edit) {
            return edit.markup() == null ? "clear-buttons" : "redraw-buttons";
        }
        if (o instanceof Outbound.Toast toast) {
            return "toast:" + toast.text().key();
        }
        return o.getClass().getSimpleName();
    }
}
