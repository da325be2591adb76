package org.muster.sandbox;

import java.util.Map;

/** A bean that serves some Bot API methods, keyed by their names as the Bot API documents them. */
interface BotApiMethodGroup {

    Map<String, BotApiMethod> methods();
}
