package org.muster.conversation;

import java.util.List;

/**
 * Reacts to membership and chat changes ({@link Inbound.BotStatusChanged},
 * {@link Inbound.MembersJoined}, {@link Inbound.MemberLeft}, {@link Inbound.ChatMigrated}).
 * Every handler sees every such event.
 */
public interface ChatEventHandler {

    List<Outbound> handle(Turn turn);
}
