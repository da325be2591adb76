package org.muster.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the method a call names — case-insensitively, as Telegram does and as TelegramBots needs
 * ({@code sendmessage}, {@code deleteWebhook}) — and runs it.
 */
@Component
@ConditionalOnSandbox
class BotApiDispatcher {

    private static final Logger log = LoggerFactory.getLogger(BotApiDispatcher.class);

    private final Map<String, BotApiMethod> methods = new HashMap<>();

    BotApiDispatcher(List<BotApiMethodGroup> groups) {
        for (BotApiMethodGroup group : groups) {
            group.methods().forEach((name, method) -> {
                if (methods.put(name.toLowerCase(Locale.ROOT), method) != null) {
                    throw new IllegalStateException("two sandbox handlers for Bot API method " + name);
                }
            });
        }
    }

    CompletableFuture<BotApiResult> dispatch(BotApiRequest request) {
        BotApiMethod method = methods.get(request.method().toLowerCase(Locale.ROOT));
        if (method == null) {
            return CompletableFuture.failedFuture(new BotApiException(404, "Not Found: method not found"));
        }
        try {
            return method.call(request);
        } catch (BotApiException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            log.error("Sandbox Bot API method {} failed", request.method(), e);
            return CompletableFuture.failedFuture(new BotApiException(500, "Internal Server Error: " + e.getMessage()));
        }
    }
}
