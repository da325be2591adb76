package org.muster.sandbox;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * answerCallbackQuery. Telegram lets a bot answer a query once, within about 150 seconds of the
 * press; the answer is kept for the control API to show as the client would.
 */
@Component
@ConditionalOnSandbox
class CallbackMethods implements BotApiMethodGroup {

    static final long ANSWER_WINDOW_MILLIS = 150_000L;
    private static final int MAX_TEXT_LENGTH = 200;

    private final SandboxWorld world;
    private final SandboxClock clock;

    CallbackMethods(SandboxWorld world, SandboxClock clock) {
        this.world = world;
        this.clock = clock;
    }

    @Override
    public Map<String, BotApiMethod> methods() {
        return Map.of("answerCallbackQuery", BotApiMethod.sync(this::answerCallbackQuery));
    }

    private BotApiResult answerCallbackQuery(BotApiRequest request) {
        String id = request.string("callback_query_id").map(String::trim).orElse("");
        String text = request.string("text").orElse(null);
        return world.write(() -> {
            CallbackQueryRecord query = world.callback(id).orElse(null);
            if (query == null || query.answered || clock.millis() - query.createdAtMillis > ANSWER_WINDOW_MILLIS) {
                throw BotApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
            }
            if (text != null && text.length() > MAX_TEXT_LENGTH) {
                throw BotApiException.badRequest("MESSAGE_TOO_LONG");
            }
            query.answered = true;
            query.answeredAtMillis = clock.millis();
            query.text = text == null || text.isEmpty() ? null : text;
            query.showAlert = request.flag("show_alert");
            query.url = request.string("url").filter(url -> !url.isBlank()).orElse(null);
            query.answeredSignal.complete(null);
            return BotApiResult.ok();
        });
    }
}
