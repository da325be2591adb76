package org.muster.telegram;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.muster.conversation.Dispatcher;
import org.muster.conversation.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.User;

/** Where updates from either transport enter: read into {@link Inbound} and handed to the dispatcher. */
@Component
class InboundGateway implements UpdateSink {

    private static final Logger log = LoggerFactory.getLogger(InboundGateway.class);

    private final Dispatcher dispatcher;
    private final TelegramBotProfile profile;
    private final Counter malformed;
    private volatile UpdateReader reader;

    InboundGateway(Dispatcher dispatcher, TelegramBotProfile profile, MeterRegistry meters) {
        this.dispatcher = dispatcher;
        this.profile = profile;
        this.malformed = Counter.builder("muster.updates.malformed")
                .description("updates skipped because a part Muster needs was missing or of the wrong type")
                .register(meters);
    }

    /** Completes when the update was handled (or right away when Muster has no use for it). */
    @Override
    public CompletableFuture<Void> accept(JsonNode update) {
        return take(update, false);
    }

    @Override
    public CompletableFuture<Void> acceptUntilSent(JsonNode update) {
        return take(update, true);
    }

    private CompletableFuture<Void> take(JsonNode update, boolean untilSent) {
        Optional<Inbound> inbound;
        try {
            inbound = reader().read(update);
        } catch (RuntimeException e) {
            // the field's name only: a value could be personal data
            log.warn("update {} could not be read; skipped: {}", UpdateReader.updateId(update).map(String::valueOf).orElse("?"),
                    e instanceof UpdateReader.Malformed ? "bad or missing " + e.getMessage() : e.getClass().getSimpleName());
            malformed.increment();
            return CompletableFuture.completedFuture(null);
        }
        if (inbound.isEmpty()) {
            log.debug("update {} is of no use to Muster", UpdateReader.updateId(update).orElse(null));
            return CompletableFuture.completedFuture(null);
        }
        return untilSent ? dispatcher.submitUntilSent(inbound.get()) : dispatcher.submit(inbound.get());
    }

    private UpdateReader reader() {
        UpdateReader current = reader;
        if (current == null) {
            User me = profile.me();
            current = new UpdateReader(me.getId(), me.getUserName());
            reader = current;
        }
        return current;
    }
}
