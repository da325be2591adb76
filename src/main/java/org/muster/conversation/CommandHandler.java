package org.muster.conversation;

import java.util.List;

/** A feature's command. Role and place are checked before {@link #handle} is called. */
public interface CommandHandler {

    CommandSpec spec();

    List<Outbound> handle(Turn turn, CommandCall call);
}
