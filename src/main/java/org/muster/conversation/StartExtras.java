package org.muster.conversation;

import java.util.List;

/**
 * What a feature adds to a plain {@code /start} (not a deep link) after the greeting and the
 * command list: the console's menu button for those allowed to open it, say.
 */
public interface StartExtras {

    List<Outbound> onStart(Turn turn);
}
