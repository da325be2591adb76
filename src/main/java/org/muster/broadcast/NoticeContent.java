package org.muster.broadcast;

import java.util.Optional;

import org.muster.conversation.Outbound;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** A plain notice from /broadcast. */
@Component
class NoticeContent implements BroadcastContent {

    static final String KIND = "notice";

    private final Broadcasts broadcasts;

    NoticeContent(@org.springframework.context.annotation.Lazy Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<Outbound> render(Broadcast broadcast, long chatId, boolean toVolunteer) {
        return Optional.of(new Outbound.Send(chatId, Txt.of("broadcast.notice", Txt.literal(broadcast.text())), null, null,
                broadcasts.localeOf(chatId, toVolunteer, broadcast.locale())));
    }
}
