package org.muster.telegram;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.muster.conversation.Dispatcher;
import org.muster.conversation.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;

/** Where updates from either transport enter: mapped to {@link Inbound} and handed to the dispatcher. */
@Component
class InboundGateway implements UpdateSink {

    private static final Logger log = LoggerFactory.getLogger(InboundGateway.class);

    private final Dispatcher dispatcher;
    private final TelegramBotProfile profile;
    private final MeterRegistry meters;
    private volatile UpdateMapper mapper;

    InboundGateway(Dispatcher dispatcher, TelegramBotProfile profile, MeterRegistry meters) {
        this.dispatcher = dispatcher;
        this.profile = profile;
        this.meters = meters;
    }

    /** Completes when the update was handled (or right away when Muster has no use for it). */
    @Override
    public CompletableFuture<Void> accept(Update update) {
        Optional<Inbound> inbound;
        try {
            inbound = mapper().map(update);
        } catch (RuntimeException e) {
            log.warn("update {} could not be read; skipped: {}", update.getUpdateId(), e.toString());
            meters.counter("muster.updates.malformed").increment();
            return CompletableFuture.completedFuture(null);
        }
        if (inbound.isEmpty()) {
            log.debug("update {} is of no use to Muster", update.getUpdateId());
            return CompletableFuture.completedFuture(null);
        }
        return dispatcher.submit(inbound.get());
    }

    private UpdateMapper mapper() {
        UpdateMapper current = mapper;
        if (current == null) {
            User me = profile.me();
            current = new UpdateMapper(me.getId(), me.getUserName());
            mapper = current;
        }
        return current;
    }
}
