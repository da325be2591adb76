package org.muster.conversation;

import java.util.List;
import java.util.Optional;

/**
 * A feature's answers to replies to the bot's own messages in groups (报名 under a call, 到 under a
 * roster, 3.5 under a question about hours). They come before keyword commands, since 报名 and
 * 签到 are keywords too; empty means the replied message is not this feature's.
 */
public interface ReplyHandler {

    Optional<List<Outbound>> handle(Turn turn, Inbound.Text reply);
}
